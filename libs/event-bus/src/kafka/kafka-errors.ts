import { NotPartitionOwnerError, ProducerFencedError } from '../log/errors';

/** kafkajs error types that mean "a newer producer with the same transactional id took over". */
const FENCING_TYPES = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);
const PRODUCER_FENCED_CODE = 90;
const INVALID_PRODUCER_EPOCH_CODE = 47;

/** kafkajs error types that mean the member's generation is over (its partitions are being reassigned). */
const REBALANCE_TYPES = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'FENCED_INSTANCE_ID']);

interface ErrorLike {
  type?: unknown;
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
}

/** The error and everything it wraps (kafkajs nests protocol errors in retry and aggregate errors). */
export function errorChain(error: unknown): ErrorLike[] {
  const seen = new Set<unknown>();
  const chain: ErrorLike[] = [];
  const visit = (e: unknown): void => {
    if (!e || typeof e !== 'object' || seen.has(e)) return;
    seen.add(e);
    const like = e as ErrorLike;
    chain.push(like);
    visit(like.cause);
    visit(like.originalError);
    if (Array.isArray(like.errors)) like.errors.forEach(visit);
  };
  visit(error);
  return chain;
}

export function isFencingError(error: unknown): boolean {
  return errorChain(error).some(
    (e) =>
      FENCING_TYPES.has(String(e.type)) ||
      e.code === PRODUCER_FENCED_CODE ||
      e.code === INVALID_PRODUCER_EPOCH_CODE ||
      /unknown error code 90\b/i.test(String(e.message ?? '')),
  );
}

export function isRebalanceError(error: unknown): boolean {
  return errorChain(error).some((e) => REBALANCE_TYPES.has(String(e.type)));
}

export function hasErrorType(error: unknown, type: string): boolean {
  return errorChain(error).some((e) => e.type === type);
}

/** Runs a producer call and turns kafkajs's fencing errors into ProducerFencedError. */
export async function fencingAware<T>(transactionalId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isFencingError(error)) throw new ProducerFencedError(transactionalId);
    throw error;
  }
}

export function notOwner(groupId: string, topic: string, partition: number): NotPartitionOwnerError {
  return new NotPartitionOwnerError(groupId, topic, partition);
}
