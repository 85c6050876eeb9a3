/** The kind of a refusal, as the routing API reports it (gRPC status; HTTP status in the REST facade). */
export type ErrorKind =
  'invalid-argument' | 'not-found' | 'failed-precondition' | 'already-exists' | 'aborted' | 'unavailable';

/**
 * Error codes of the routing and configuration deciders, by kind (routing_service.proto says which is which).
 * Unknown references inside a request (a skill of a queue, a reason code) are invalid arguments; the tenant,
 * branch, queue, agent or interaction a call is about not existing is NOT_FOUND.
 */
const KIND_OF_CODE: Readonly<Record<string, ErrorKind>> = {
  'unknown-tenant': 'not-found',
  'unknown-agent': 'not-found',
  'unknown-interaction': 'not-found',
  'tenant-not-defined': 'failed-precondition',
  'agent-of-other-branch': 'failed-precondition',
  'agent-not-logged-in': 'failed-precondition',
  'invalid-transition': 'failed-precondition',
  'no-such-offer': 'failed-precondition',
  'queue-referenced': 'failed-precondition',
  'queue-branch-changed': 'failed-precondition',
  'config-version-gap': 'unavailable',
  'duplicate-interaction': 'already-exists',
  'version-conflict': 'aborted',
  unavailable: 'unavailable',
};

/** Codes that are NOT_FOUND when they name what the call is about rather than something inside the request. */
const SUBJECT_NOT_FOUND = new Set(['unknown-branch', 'unknown-queue']);

export class RoutingApiError extends Error {
  readonly kind: ErrorKind;

  constructor(
    /** The routing error code, e.g. "unknown-agent", "invalid-transition", "version-conflict". */
    readonly code: string,
    message: string,
    /** Path of the offending request field, e.g. "queue.service_level.threshold_ms". */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RoutingApiError';
    this.kind = kindOf(code, field);
  }
}

function kindOf(code: string, field: string | undefined): ErrorKind {
  const kind = KIND_OF_CODE[code];
  if (kind !== undefined) return kind;
  // An unknown branch or queue named by a field of a definition is a bad argument; as the subject, it is missing.
  if (SUBJECT_NOT_FOUND.has(code) && (field === undefined || field === '')) return 'not-found';
  return 'invalid-argument';
}
