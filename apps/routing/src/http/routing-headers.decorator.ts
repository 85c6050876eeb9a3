import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type ConfigHeaders, routingHeadersOf } from './routing-http-requests';

/** The X-Actor, Idempotency-Key and If-Match headers of the request, as a ConfigHeaders parameter. */
export const RoutingHeaders = createParamDecorator((_: unknown, context: ExecutionContext): ConfigHeaders => {
  const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
  return routingHeadersOf(request.headers);
});
