import { status as GrpcStatus } from '@grpc/grpc-js';
import { type RoutingPort } from '../calls/call-ports';
import { type RoutingRefusalStatus } from '../calls/call-runner';
import { type CallState } from '../calls/call-state';
import { type RoutingClient, RoutingRefusal } from './routing-client';

/** The calls' routing port over the routing gRPC client (created when first needed: the server may start later). */
export class RoutingPortAdapter implements RoutingPort {
  private client?: RoutingClient;

  constructor(private readonly connect: () => RoutingClient) {}

  get routing(): RoutingClient {
    this.client ??= this.connect();
    return this.client;
  }

  close(): void {
    this.client?.close();
  }

  queueInteraction(call: CallState, interactionId: string, queueId: string): Promise<void> {
    return this.routing.queueInteraction({
      tenantId: call.tenantId,
      branchId: call.branchId,
      interactionId,
      queueId,
      customerAddress: call.callerNumber,
      customerId: call.customerId,
      vip: call.vip,
    });
  }

  acceptOffer(call: CallState, interactionId: string, agentId: string): Promise<void> {
    return this.routing.acceptOffer(call.tenantId, interactionId, agentId);
  }

  rejectOffer(call: CallState, interactionId: string, agentId: string): Promise<void> {
    return this.routing.rejectOffer(call.tenantId, interactionId, agentId);
  }

  abandon(call: CallState, interactionId: string): Promise<void> {
    return this.routing.abandon(call.tenantId, call.branchId, interactionId);
  }

  complete(call: CallState, interactionId: string): Promise<void> {
    return this.routing.complete(call.tenantId, call.branchId, interactionId);
  }
}

/** What the caller hears when routing refuses to queue the call. */
export function refusalStatusOf(error: unknown): RoutingRefusalStatus {
  if (!(error instanceof RoutingRefusal)) return { status: 500, reason: 'Server Internal Error' };
  if (error.unavailable) return { status: 503, reason: 'Service Unavailable' };
  if (error.grpcStatus === GrpcStatus.NOT_FOUND) return { status: 404, reason: 'Not Found' };
  if (error.grpcStatus === GrpcStatus.FAILED_PRECONDITION || error.grpcStatus === GrpcStatus.RESOURCE_EXHAUSTED) {
    return { status: 480, reason: 'Temporarily Unavailable' };
  }
  return { status: 500, reason: 'Server Internal Error' };
}
