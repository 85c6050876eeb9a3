import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentV1, routingV1 } from '@cc/contracts';
import { type RunningService, startService } from '@cc/platform';
import { requireKafka } from '@cc/testing';
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { RoutingModule } from '../src';

const dataDir = mkdtempSync(join(tmpdir(), 'cc-routing-api-'));
const modes = [
  { name: 'the embedded log', env: (): Record<string, string> => ({ DATA_DIR: dataDir }) },
  { name: 'Apache Kafka', env: (): Record<string, string> => ({ DATA_DIR: dataDir, KAFKA_BROKERS: requireKafka() }) },
];

type Client = InstanceType<typeof routingV1.RoutingServiceClient>;

/** Calls a unary method; resolves with the response or with the error and its trailing metadata. */
function call<Req, Res>(
  client: Client,
  method: string,
  request: Req,
): Promise<{ response?: Res; error?: ServiceError }> {
  return new Promise((resolve) => {
    const fn = (client as unknown as Record<string, (...args: unknown[]) => void>)[method].bind(client);
    fn(request, new Metadata(), (error: ServiceError | null, response: Res) =>
      resolve(error ? { error } : { response }),
    );
  });
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe.each(modes)('the routing API (gRPC and REST) on $name', (mode) => {
  let service: RunningService;
  let client: Client;
  const tenantId = `t-${randomUUID().slice(0, 8)}`;
  const api = (path: string) => `${service.httpUrl}/api/routing/tenants/${tenantId}${path}`;
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(api(path), {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    service = await startService(
      { name: 'routing', modules: [RoutingModule.forRoot({ seedDemoTenant: true })] },
      { ...mode.env(), HTTP_PORT: '0', GRPC_PORT: '0', LOG_LEVEL: 'warn' },
    );
    client = new routingV1.RoutingServiceClient(service.grpcAddress, credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await service?.stop();
    if (mode === modes[modes.length - 1]) rmSync(dataDir, { recursive: true, force: true });
  });

  it('has seeded the demo tenant of DEMO.md, readable over both APIs', async () => {
    const rest = await json(await fetch(`${service.httpUrl}/api/routing/tenants/demo/config`));
    expect(Object.keys(rest['branches'] as object).sort()).toEqual(['msk', 'nsk']);
    expect(Object.keys(rest['agents'] as object)).toHaveLength(20);
    const { response } = await call<routingV1.GetTenantConfigRequest, routingV1.GetTenantConfigResponse>(
      client,
      'getTenantConfig',
      { tenantId: 'demo' },
    );
    expect(response?.config?.version).toBe(rest['version']);
    expect(response?.config?.queues.map((q) => q.queueId).sort()).toEqual([
      'msk-billing',
      'msk-sales',
      'msk-support',
      'nsk-billing',
      'nsk-sales',
      'nsk-support',
    ]);
  });

  it('builds a tenant over REST and answers a bad definition with 400 naming the field', async () => {
    expect((await send('PUT', '', { name: 'API tenant', currency: 'RUB' })).status).toBe(200);
    expect((await send('PUT', '/branches/msk', { name: 'Moscow', timeZone: 'Europe/Moscow' })).status).toBe(200);
    expect((await send('PUT', '/skills/support', { name: 'Support' })).status).toBe(200);
    const queue = { branchId: 'msk', name: 'Support', requiredSkills: [{ skillId: 'support', minLevel: 2 }] };
    const defined = await send('PUT', '/queues/msk-support', queue);
    expect(defined.status).toBe(200);
    expect((await json(defined))['queue']).toMatchObject({ queueId: 'msk-support', strategy: 'longest-idle' });

    const bad = await send('PUT', '/queues/msk-support', { ...queue, serviceLevel: { thresholdMs: -5 } });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ code: 'invalid-duration', field: 'serviceLevel.thresholdMs' });

    const stale = await send('PUT', '/skills/sales', { name: 'Sales' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(await json(stale)).toMatchObject({ code: 'version-conflict' });

    const agent = await send('PUT', '/agents/7001', { branchId: 'msk', name: 'Vera', skills: { support: 6 } });
    expect(agent.status).toBe(200);
  });

  it('logs an agent in over REST and offers a queued interaction to them', async () => {
    const login = await send('POST', '/agents/7001/login', {});
    expect(login.status).toBe(200);
    expect((await json(login))['agent']).toMatchObject({ agentId: '7001', state: 'Available' });

    const queued = await send('POST', '/branches/msk/interactions', {
      interactionId: 'rest-1',
      queueId: 'msk-support',
    });
    expect(queued.status).toBe(201);
    expect((await json(queued))['interaction']).toMatchObject({
      interactionId: 'rest-1',
      status: 'offered',
      agentId: '7001',
    });

    const status = await json(await send('GET', '/queues/msk-support/status'));
    expect(status).toMatchObject({ queueId: 'msk-support', waiting: 0 });
    expect((await send('GET', '/agents/nobody/status')).status).toBe(404);
    expect((await send('POST', '/agents/7001/not-ready', { reasonCode: '' })).status).toBe(400);
  });

  it('answers gRPC calls with the routing state, and refusals with a status and the error metadata', async () => {
    const accepted = await call<routingV1.AcceptOfferRequest, routingV1.AcceptOfferResponse>(client, 'acceptOffer', {
      tenantId,
      commandId: '',
      interactionId: 'rest-1',
      agentId: '7001',
    });
    expect(accepted.response?.agent?.state).toBe(agentV1.AgentState.AGENT_STATE_BUSY);
    expect(accepted.response?.commandId).toMatch(/.+/);

    const logout = await call<routingV1.LogOutRequest, routingV1.LogOutResponse>(client, 'logOut', {
      tenantId,
      commandId: '',
      agentId: '7001',
    });
    expect(logout.error?.code).toBe(9); // FAILED_PRECONDITION: talking
    expect(logout.error?.metadata.get('cc-error-code')).toEqual(['invalid-transition']);

    const badQueue = await call<routingV1.DefineQueueRequest, routingV1.DefineQueueResponse>(client, 'defineQueue', {
      tenantId,
      actor: 'supervisor:1',
      queue: {
        ...routingV1.QueueConfig.fromPartial({ queueId: 'msk-sales', branchId: 'msk', name: 'Sales' }),
        requiredSkills: [{ skillId: 'sales', minLevel: 3 }],
      },
    });
    expect(badQueue.error?.code).toBe(3); // INVALID_ARGUMENT
    expect(badQueue.error?.metadata.get('cc-error-code')).toEqual(['unknown-skill']);
    expect(badQueue.error?.metadata.get('cc-error-field')).toEqual(['queue.required_skills[0].skill_id']);

    const unknownTenant = await call<routingV1.GetQueueStatusRequest, routingV1.GetQueueStatusResponse>(
      client,
      'getQueueStatus',
      { tenantId: `nobody-${tenantId}`, queueId: 'x' },
    );
    expect(unknownTenant.error?.code).toBe(5); // NOT_FOUND
  });
});
