/**
 * RoutingApiError -> the REST facade's error answer: an HTTP status by kind of refusal and the body
 * {statusCode, error, message, code, field}, the field named as in the request body (camelCase,
 * "serviceLevel.thresholdMs") rather than as the gRPC API's proto path ("queue.service_level.threshold_ms").
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type ErrorKind, RoutingApiError } from '../api/routing-api-error';

export interface RoutingHttpErrorBody {
  statusCode: number;
  /** The status's name, e.g. "Conflict". */
  error: string;
  /** What is wrong, in words a supervisor can act on. */
  message: string;
  /** The routing error code, e.g. "version-conflict", "unknown-skill", "invalid-duration". */
  code: string;
  /** Path of the offending input in the request body (or the header / parameter it came from). */
  field?: string;
}

export interface RoutingHttpError {
  status: HttpStatus;
  body: RoutingHttpErrorBody;
  headers: Record<string, string>;
}

export function httpStatusOfKind(kind: ErrorKind): HttpStatus {
  switch (kind) {
    case 'invalid-argument':
      return HttpStatus.BAD_REQUEST;
    case 'not-found':
      return HttpStatus.NOT_FOUND;
    case 'failed-precondition':
    case 'already-exists':
    case 'aborted':
      return HttpStatus.CONFLICT;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unexpected: never = kind;
      throw new Error(`Unknown error kind ${String(unexpected)}`);
    }
  }
}

const STATUS_NAMES: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.CONFLICT]: 'Conflict',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service Unavailable',
};

/** Seconds a client should wait before retrying an UNAVAILABLE answer (same Idempotency-Key). */
const RETRY_AFTER_SECONDS = '1';

export function httpErrorOf(error: RoutingApiError): RoutingHttpError {
  const status = httpStatusOfKind(error.kind);
  const body: RoutingHttpErrorBody = {
    statusCode: status,
    error: STATUS_NAMES[status] ?? 'Error',
    message: error.message,
    code: error.code,
  };
  const field = restFieldPath(error.field);
  if (field !== undefined) body.field = field;
  return {
    status,
    body,
    headers: status === HttpStatus.SERVICE_UNAVAILABLE ? { 'Retry-After': RETRY_AFTER_SECONDS } : {},
  };
}

/**
 * The payloads of the gRPC requests (and of the configuration commands) that are the whole body in REST: PUT
 * queues/:queueId takes the queue itself, so "queue.required_skills[1].skill_id" is "requiredSkills[1].skillId".
 */
const PAYLOAD_PREFIX = /^(?:queue|agent|branch|skill|partner|reason|interaction)(?=[.[])\.?/;

/**
 * A field path as named in the REST body: the gRPC payload prefix dropped and snake_case turned to camelCase.
 * Paths that are already REST paths come back unchanged ("serviceLevel.thresholdMs", "skills.sales").
 */
export function restFieldPath(field: string | undefined): string | undefined {
  if (field === undefined || field === '') return undefined;
  const path = field.replace(PAYLOAD_PREFIX, '');
  return path.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Answers every RoutingApiError thrown by a REST controller of the routing service; see httpErrorOf. */
@Catch(RoutingApiError)
export class RoutingHttpExceptionFilter implements ExceptionFilter<RoutingApiError> {
  catch(error: RoutingApiError, host: ArgumentsHost): void {
    const { status, body, headers } = httpErrorOf(error);
    const response = host.switchToHttp().getResponse<HttpResponse>();
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.status(status).json(body);
  }
}

/** What the filter needs of Express's response. */
interface HttpResponse {
  setHeader(name: string, value: string): unknown;
  status(code: number): { json(body: unknown): unknown };
}
