/**
 * The error contract of callcenter.routing.v1.RoutingService (routing_service.proto, header comment): a gRPC status
 * code by kind of refusal, the routing error code in the trailing metadata "cc-error-code" and, for invalid input,
 * the proto path of the offending field in "cc-error-field".
 */
import { withGrpcServerSpan } from '@cc/telemetry';
import { Metadata, type sendUnaryData, type ServerErrorResponse, type ServerUnaryCall, status } from '@grpc/grpc-js';
import { Logger } from '@nestjs/common';
import { type ErrorKind, RoutingApiError } from '../api/routing-api-error';
import { ProtoDecodeError } from '../codec/codec-support';

export const ERROR_CODE_METADATA = 'cc-error-code';
export const ERROR_FIELD_METADATA = 'cc-error-field';

/** Routing error code of a request the codecs could not decode (as the processor answers such commands). */
export const INVALID_ARGUMENT_CODE = 'invalid-argument';
/** Routing error code of a failure that is no refusal: a bug or a broken dependency. */
export const INTERNAL_CODE = 'internal';

/** What a failed call answers, before it becomes a grpc-js ServerErrorResponse. */
export interface GrpcFailure {
  status: status;
  message: string;
  /** The routing error code ("cc-error-code"). */
  code: string;
  /** Proto path of the offending request field ("cc-error-field"), if any. */
  field?: string;
}

export function grpcStatusOfKind(kind: ErrorKind): status {
  switch (kind) {
    case 'invalid-argument':
      return status.INVALID_ARGUMENT;
    case 'not-found':
      return status.NOT_FOUND;
    case 'failed-precondition':
      return status.FAILED_PRECONDITION;
    case 'already-exists':
      return status.ALREADY_EXISTS;
    case 'aborted':
      return status.ABORTED;
    case 'unavailable':
      return status.UNAVAILABLE;
    default: {
      const unexpected: never = kind;
      throw new Error(`Unknown error kind ${String(unexpected)}`);
    }
  }
}

/** Any error a handler threw, as the status, message and routing error code the caller gets. */
export function grpcFailureOf(error: unknown): GrpcFailure {
  if (error instanceof RoutingApiError) {
    return {
      status: grpcStatusOfKind(error.kind),
      message: error.message,
      code: error.code,
      field: error.field || undefined,
    };
  }
  if (error instanceof ProtoDecodeError) {
    return { status: status.INVALID_ARGUMENT, message: error.message, code: INVALID_ARGUMENT_CODE, field: error.field };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { status: status.INTERNAL, message: `The routing service failed to answer: ${detail}`, code: INTERNAL_CODE };
}

/** A failure as grpc-js sends it: the metadata goes out as trailers next to the status. */
export function toServerError(failure: GrpcFailure): Partial<ServerErrorResponse> & { metadata: Metadata } {
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_METADATA, failure.code);
  if (failure.field) metadata.set(ERROR_FIELD_METADATA, failure.field);
  return { code: failure.status, details: failure.message, metadata };
}

type UnaryHandler<Req, Res> = (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void;

const logger = new Logger('routing-grpc');

/**
 * A use case as a unary handler: a server span continuing the caller's trace, and every error (thrown or
 * rejected) answered with the routing error contract. Unexpected errors are logged; the process never crashes.
 */
export function routingUnary<Req, Res>(
  method: string,
  handle: (request: Req) => Res | Promise<Res>,
): UnaryHandler<Req, Res> {
  return (call, callback) => {
    let answer: Promise<Res>;
    try {
      answer = Promise.resolve(withGrpcServerSpan(method, call.metadata ?? new Metadata(), () => handle(call.request)));
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (response) => callback(null, response),
      (error: unknown) => {
        const failure = grpcFailureOf(error);
        if (failure.status === status.INTERNAL) {
          logger.error(`${method} failed: ${failure.message}`, error instanceof Error ? error.stack : undefined);
        }
        callback(toServerError(failure), null);
      },
    );
  };
}
