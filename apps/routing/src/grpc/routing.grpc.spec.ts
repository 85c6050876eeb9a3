import { type ConfigCommand, demoTenantConfig } from '@cc/acd';
import { routingV1 } from '@cc/contracts';
import { type GrpcServerService } from '@cc/platform';
import { Metadata, type ServerErrorResponse, type ServerUnaryCall, status } from '@grpc/grpc-js';
import { Logger } from '@nestjs/common';
import { RoutingApiError } from '../api/routing-api-error';
import { type RoutingGateway } from '../api/routing-gateway';
import { queueToProto } from '../codec/config-event-codec';
import { RoutingGrpc } from './routing.grpc';

// The platform module (database, event log, telemetry) is heavy to load and not under test: only its token is used.
jest.mock('@cc/platform', () => ({ GrpcServerService: class GrpcServerService {} }));

const config = demoTenantConfig(Date.UTC(2026, 10, 23));

/** A stand-in gateway: the test says what each use case answers. */
function gatewayStub(overrides: Partial<Record<keyof RoutingGateway, jest.Mock>>): RoutingGateway {
  return overrides as unknown as RoutingGateway;
}

function call<Req, Res>(
  implementation: routingV1.RoutingServiceServer,
  method: keyof routingV1.RoutingServiceServer,
  request: Req,
): Promise<{
  error: (Partial<ServerErrorResponse> & { metadata?: Metadata }) | null;
  response: Res | null | undefined;
}> {
  const handler = implementation[method] as (
    call: ServerUnaryCall<Req, Res>,
    callback: (error: unknown, response?: Res | null) => void,
  ) => void;
  return new Promise((resolve) =>
    handler({ request, metadata: new Metadata() } as unknown as ServerUnaryCall<Req, Res>, (error, response) =>
      resolve({ error: error as (Partial<ServerErrorResponse> & { metadata?: Metadata }) | null, response }),
    ),
  );
}

describe('RoutingGrpc', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('registers a handler for every RoutingService method on init', () => {
    const addService = jest.fn();
    const grpc = new RoutingGrpc({ addService } as unknown as GrpcServerService, gatewayStub({}));

    grpc.onModuleInit();

    expect(addService).toHaveBeenCalledWith(routingV1.RoutingServiceService, expect.any(Object));
    const implementation = addService.mock.calls[0]![1] as Record<string, unknown>;
    expect(Object.keys(implementation).sort()).toEqual(Object.keys(routingV1.RoutingServiceService).sort());
  });

  it('decides DefineQueue at the time of the call and answers with the queue in force', async () => {
    const changeConfig = jest.fn().mockResolvedValue({ commandId: 'c-1', version: 42, config });
    const grpc = new RoutingGrpc(
      { addService: jest.fn() } as unknown as GrpcServerService,
      gatewayStub({ changeConfig }),
    );
    const request = routingV1.DefineQueueRequest.fromPartial({
      tenantId: 'demo',
      actor: 'supervisor:7',
      expectedVersion: 41,
      queue: {
        queueId: 'msk-sales',
        branchId: 'msk',
        name: 'Sales',
        requiredSkills: [{ skillId: 'sales', minLevel: 1 }],
      },
    });

    const answer = await call(grpc.implementation(), 'defineQueue', request);

    const command = changeConfig.mock.calls[0]![0] as ConfigCommand;
    expect(command).toMatchObject({
      type: 'DefineQueue',
      tenantId: 'demo',
      actor: 'supervisor:7',
      expectedVersion: 41,
    });
    expect(typeof command.at).toBe('number');
    expect(answer).toEqual({
      error: null,
      response: { version: 42, queue: queueToProto(config.queues['msk-sales']!) },
    });
  });

  it('answers a refused change with the status and trailing metadata of the contract', async () => {
    const changeConfig = jest
      .fn()
      .mockRejectedValue(
        new RoutingApiError('version-conflict', 'The configuration changed meanwhile.', 'expected_version'),
      );
    const grpc = new RoutingGrpc(
      { addService: jest.fn() } as unknown as GrpcServerService,
      gatewayStub({ changeConfig }),
    );

    const answer = await call(grpc.implementation(), 'removeAgent', { tenantId: 'demo', actor: 'x', agentId: 'a1' });

    expect(answer.error?.code).toBe(status.ABORTED);
    expect(answer.error?.metadata?.get('cc-error-code')).toEqual(['version-conflict']);
    expect(answer.error?.metadata?.get('cc-error-field')).toEqual(['expected_version']);
  });

  it('answers a query that throws synchronously (unknown agent) with NOT_FOUND', async () => {
    const agentStatus = jest.fn(() => {
      throw new RoutingApiError('unknown-agent', 'There is no agent "nobody".');
    });
    const grpc = new RoutingGrpc(
      { addService: jest.fn() } as unknown as GrpcServerService,
      gatewayStub({ agentStatus }),
    );

    const answer = await call(grpc.implementation(), 'getAgentStatus', { tenantId: 'demo', agentId: 'nobody' });

    expect(answer.error?.code).toBe(status.NOT_FOUND);
    expect(answer.error?.metadata?.get('cc-error-code')).toEqual(['unknown-agent']);
  });

  it('passes the agent command to the gateway and answers with the agent afterwards', async () => {
    const agent = routingV1.AgentView.fromPartial({ agentId: 'a1', branchId: 'msk', reasonCode: 'break' });
    const makeNotReady = jest
      .fn()
      .mockResolvedValue({ commandId: 'k-1', reply: routingV1.CommandReply.fromPartial({ agent }) });
    const grpc = new RoutingGrpc(
      { addService: jest.fn() } as unknown as GrpcServerService,
      gatewayStub({ makeNotReady }),
    );

    const answer = await call(grpc.implementation(), 'setAgentNotReady', {
      tenantId: 'demo',
      commandId: 'k-1',
      agentId: 'a1',
      reasonCode: 'break',
    });

    expect(makeNotReady).toHaveBeenCalledWith('demo', 'a1', 'break', { commandId: 'k-1' });
    expect(answer).toEqual({ error: null, response: { commandId: 'k-1', agent } });
  });

  it('lists the queues of every branch when branch_id is empty', async () => {
    const listQueueStatus = jest.fn().mockReturnValue([]);
    const grpc = new RoutingGrpc(
      { addService: jest.fn() } as unknown as GrpcServerService,
      gatewayStub({ listQueueStatus }),
    );

    await call(grpc.implementation(), 'listQueueStatus', { tenantId: 'demo', branchId: '' });

    expect(listQueueStatus).toHaveBeenCalledWith('demo', undefined);
  });
});
