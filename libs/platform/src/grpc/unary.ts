import { withGrpcServerSpan } from '@cc/telemetry';
import { type sendUnaryData, type ServerUnaryCall, status } from '@grpc/grpc-js';

type Unary<Req, Res> = (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void;

/** Wraps a use case as a unary handler: server span from the caller's trace context, errors as gRPC statuses. */
export function unary<Req, Res>(method: string, fn: (request: Req) => Promise<Res>): Unary<Req, Res> {
  return (call, callback) => {
    withGrpcServerSpan(method, call.metadata, () => fn(call.request))
      .then((response) => callback(null, response))
      .catch((error: unknown) => {
        const grpcError = error as { code?: number; message?: string };
        callback({ code: grpcError.code ?? status.INTERNAL, details: grpcError.message ?? String(error) }, null);
      });
  };
}
