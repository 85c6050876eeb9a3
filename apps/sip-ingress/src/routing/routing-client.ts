import { commonV1, routingV1 } from '@cc/contracts';
import { credentials, Metadata, type ServiceError, status as GrpcStatus } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';

type Client = InstanceType<typeof routingV1.RoutingServiceClient>;

/** Routing refused a command (or could not be reached): the gRPC status and routing's own error code. */
export class RoutingRefusal extends Error {
  constructor(
    readonly grpcStatus: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RoutingRefusal';
  }

  /** True when routing was not reached or not ready: the call may still be tried again. */
  get unavailable(): boolean {
    return this.grpcStatus === GrpcStatus.UNAVAILABLE || this.grpcStatus === GrpcStatus.DEADLINE_EXCEEDED;
  }
}

export interface QueueCallRequest {
  tenantId: string;
  branchId: string;
  interactionId: string;
  queueId: string;
  customerAddress: string;
  customerId: string;
  vip: boolean;
}

/**
 * The routing service as the SIP ingress uses it: callcenter.routing.v1.RoutingService over gRPC, in the same
 * process (all-in-one) or across the network. Every command carries a fresh command id; a retry after a lost
 * reply reuses it, so routing acts once.
 */
export class RoutingClient {
  private readonly client: Client;

  constructor(
    address: string,
    private readonly deadlineMs = 5000,
  ) {
    this.client = new routingV1.RoutingServiceClient(address, credentials.createInsecure(), {
      'grpc.keepalive_time_ms': 30_000,
    });
  }

  close(): void {
    this.client.close();
  }

  async queueInteraction(request: QueueCallRequest): Promise<void> {
    await this.unary('queueInteraction', {
      tenantId: request.tenantId,
      commandId: randomUUID(),
      branchId: request.branchId,
      interaction: {
        interactionId: request.interactionId,
        queueId: request.queueId,
        channel: commonV1.Channel.CHANNEL_VOICE,
        kind: routingV1.InteractionKind.INTERACTION_KIND_INBOUND,
        customerAddress: request.customerAddress,
        customerId: request.customerId,
        vip: request.vip,
        language: '',
        extraSkills: [],
        priorityBoost: 0,
      },
    });
  }

  async acceptOffer(tenantId: string, interactionId: string, agentId: string): Promise<void> {
    await this.unary('acceptOffer', { tenantId, commandId: randomUUID(), interactionId, agentId });
  }

  async rejectOffer(tenantId: string, interactionId: string, agentId: string): Promise<void> {
    await this.unary('rejectOffer', { tenantId, commandId: randomUUID(), interactionId, agentId });
  }

  async abandon(tenantId: string, branchId: string, interactionId: string): Promise<void> {
    await this.unary('abandonInteraction', { tenantId, commandId: randomUUID(), branchId, interactionId });
  }

  async complete(tenantId: string, branchId: string, interactionId: string): Promise<void> {
    await this.unary('completeInteraction', { tenantId, commandId: randomUUID(), branchId, interactionId });
  }

  async logInReady(tenantId: string, agentId: string, extension: string): Promise<void> {
    await this.unary('logIn', {
      tenantId,
      commandId: randomUUID(),
      agentId,
      extension,
      initialState: 0,
    });
    try {
      await this.unary('setAgentReady', { tenantId, commandId: randomUUID(), agentId });
    } catch (error) {
      // Logged in as available and already offered a call: nothing left to do.
      if (!(error instanceof RoutingRefusal) || error.grpcStatus !== GrpcStatus.FAILED_PRECONDITION) throw error;
    }
  }

  async logOut(tenantId: string, agentId: string): Promise<void> {
    await this.unary('logOut', { tenantId, commandId: randomUUID(), agentId });
  }

  private unary(method: string, request: object): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const fn = (this.client as unknown as Record<string, (...args: unknown[]) => void>)[method].bind(this.client);
      fn(
        request,
        new Metadata(),
        { deadline: Date.now() + this.deadlineMs },
        (error: ServiceError | null, response: unknown) => {
          if (!error) return resolve(response);
          const code = error.metadata?.get('cc-error-code')[0];
          reject(new RoutingRefusal(error.code, typeof code === 'string' ? code : '', error.details || error.message));
        },
      );
    });
  }
}
