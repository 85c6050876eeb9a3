import { CALL_LIFECYCLE_TOPIC, CallAnsweredEvent, CallEndedEvent, type callV1 } from '@cc/contracts';
import { EventBus } from '@cc/event-bus';
import { type RunningService, startService } from '@cc/platform';
import { RoutingModule } from '@cc/routing';
import { SipIngressModule, SipIngressService } from '@cc/sip-ingress';
import { requireKafka, requirePostgres, requireSipp, runSipp, type SippProcess, startSipp, waitFor } from '@cc/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Overflow between branches with one SIP ingress per branch, as a deployment per branch runs them: the Moscow
 * ingress (with routing) holds the caller; routing offers the call to a Novosibirsk agent, whose phone is
 * registered to the Novosibirsk ingress; the Moscow ingress INVITEs that one over the branch trunk, which rings the
 * agent's phone and relays the call both ways.
 */
const modes = [
  { name: 'the embedded log and PGlite', env: (): NodeJS.ProcessEnv => ({}) },
  {
    name: 'Apache Kafka and PostgreSQL',
    env: (): NodeJS.ProcessEnv => ({ KAFKA_BROKERS: requireKafka(), DATABASE_URL: requirePostgres() }),
  },
];

let nextPort = 18_100 + Math.floor(Math.random() * 200) * 10;
const port = () => (nextPort += 1);

describe.each(modes)('overflow to another branch’s SIP ingress on $name', (mode) => {
  const dirs = [mkdtempSync(join(tmpdir(), 'cc-sip-msk-')), mkdtempSync(join(tmpdir(), 'cc-sip-nsk-'))];
  let msk: RunningService;
  let nsk: RunningService;
  let mskSip: string;
  let nskSip: string;
  let answered: Map<string, callV1.CallAnswered>;
  let ended: Map<string, callV1.CallEnded>;
  const phones: SippProcess[] = [];

  beforeAll(async () => {
    requireSipp();
    const { KAFKA_BROKERS: _k, DATABASE_URL: _d, ...base } = process.env;
    const env = (dataDir: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
      ...base,
      ...mode.env(),
      DATA_DIR: dataDir,
      HTTP_PORT: '0',
      GRPC_PORT: '0',
      SIP_PORT: '0',
      LOG_LEVEL: 'warn',
      ...extra,
    });
    const mskEnv = env(dirs[0], { SIP_BRANCHES: 'msk' });
    msk = await startService(
      {
        name: 'sip-branch-msk',
        modules: [
          RoutingModule.forRoot({ seedDemoTenant: true }),
          SipIngressModule.forRoot({ seedDemoDirectory: true, env: mskEnv }),
        ],
      },
      mskEnv,
    );
    // The Novosibirsk ingress has no routing of its own: its agents log in to the tenant's routing service.
    const nskEnv = env(dirs[1], { SIP_BRANCHES: 'nsk', ROUTING_GRPC_ADDRESS: msk.grpcAddress });
    nsk = await startService(
      { name: 'sip-branch-nsk', modules: [SipIngressModule.forRoot({ seedDemoDirectory: true, env: nskEnv })] },
      nskEnv,
    );
    const address = (service: RunningService) => service.app.get(SipIngressService).sipAddress;
    mskSip = `${address(msk).host}:${address(msk).port}`;
    nskSip = `${address(nsk).host}:${address(nsk).port}`;
    // Each ingress reaches the other over its branch trunk (the demo's fixed ports are taken by SIP_PORT=0).
    for (const service of [msk, nsk]) {
      for (const [branchId, sip] of [
        ['msk', address(msk)],
        ['nsk', address(nsk)],
      ] as const) {
        const response = await fetch(`${service.httpUrl}/api/sip/tenants/demo/trunks/branch-${branchId}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'branch',
            branchId,
            outbound: { host: sip.host, port: sip.port, transport: 'udp' },
            outboundCallerId: { present: 'caller', identity: 'p-asserted-identity', privacy: 'none' },
          }),
        });
        expect(response.status).toBe(200);
      }
    }
    answered = new Map();
    ended = new Map();
    await msk.app
      .get(EventBus)
      .subscribe(
        { groupId: `sip-branches-test.${randomUUID()}`, topics: [CALL_LIFECYCLE_TOPIC], startFrom: 'latest' },
        async (event) => {
          if (event.envelope.type === CallAnsweredEvent.type) {
            const data = event.envelope.data as callV1.CallAnswered;
            answered.set(data.callId, data);
          }
          if (event.envelope.type === CallEndedEvent.type) {
            const data = event.envelope.data as callV1.CallEnded;
            ended.set(data.callId, data);
          }
        },
      );
  });

  afterEach(() => {
    for (const phone of phones.splice(0)) phone.stop();
  });

  afterAll(async () => {
    await nsk?.stop();
    await msk?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Registers an agent's phone to the Novosibirsk ingress (which logs the agent in to routing). */
  async function nskPhone(agent: string, scenario: string, pauseMs = 300) {
    const contactPort = port();
    const phone = startSipp({ scenario, target: nskSip, port: contactPort, pauseMs, timeoutMs: 60_000 });
    phones.push(phone);
    const register = (expires: string) =>
      runSipp({
        scenario: 'agent-register.xml',
        target: nskSip,
        port: port(),
        auth: { username: agent, password: `demo-${agent}` },
        variables: { agent, domain: '127.0.0.1', contact_port: String(contactPort), expires },
        timeoutMs: 10_000,
      });
    expect((await register('300')).exitCode).toBe(0);
    await waitFor(
      async () => ['Available', 'Reserved', 'Busy'].includes(await agentState(agent)),
      `agent ${agent} ready after registering to the nsk ingress`,
    );
    return { phone, unregister: async () => void (await register('0')) };
  }

  async function agentState(agent: string): Promise<string> {
    const response = await fetch(`${msk.httpUrl}/api/routing/tenants/demo/agents/${agent}/status`);
    return ((await response.json()) as { state?: string }).state ?? 'unknown';
  }

  function caller(scenario: string, pauseMs: number) {
    // +74950000001 is Moscow sales: with no Moscow agent logged in, routing offers it to Novosibirsk at once.
    return runSipp({
      scenario,
      target: mskSip,
      port: port(),
      pauseMs,
      variables: { did: '+74950000001', caller: '+79160000001' },
      timeoutMs: 45_000,
    });
  }

  it('rings the Novosibirsk agent’s phone through the Novosibirsk ingress and connects the Moscow caller', async () => {
    const agent = await nskPhone('2001', 'agent-answer.xml', 300);
    const call = await caller('caller.xml', 500);
    expect(call.errors).toBe('');
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1, failedCalls: 0 });
    // The caller's BYE reached the agent's phone through both ingresses.
    expect(await agent.phone.done).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    const record = await waitFor(
      () => [...ended.values()].find((e) => e.agentId === '2001' && e.hungUpBy === 1),
      'CallEnded of the call answered in Novosibirsk',
    );
    expect(record.branchId).toBe('msk');
    expect(record.queueId).toBe('msk-sales');
    expect(record.talkMs).toBeGreaterThanOrEqual(400);
    expect(answered.get(record.callId)).toMatchObject({ agentId: '2001', queueId: 'msk-sales' });
    await agent.unregister();
  });

  it('passes the agent’s BYE back to the Moscow caller', async () => {
    const agent = await nskPhone('2002', 'agent-hangup.xml', 400);
    const call = await caller('caller-wait-bye.xml', 0);
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await agent.phone.done).exitCode).toBe(0);
    await waitFor(
      () => [...ended.values()].find((e) => e.agentId === '2002' && e.hungUpBy === 2),
      'CallEnded, hung up by the Novosibirsk agent',
    );
    await agent.unregister();
  });

  it('re-offers the call when the Novosibirsk agent is busy, and cancels through both ingresses when the caller leaves', async () => {
    const busy = await nskPhone('2007', 'agent-busy.xml');
    const calling = caller('caller.xml', 300);
    expect((await busy.phone.done).exitCode).toBe(0);
    const next = await nskPhone('2009', 'agent-answer.xml', 200);
    expect(await calling).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await next.phone.done).exitCode).toBe(0);
    await waitFor(() => [...ended.values()].find((e) => e.agentId === '2009'), 'CallEnded with the second agent');
    await busy.unregister();
    await next.unregister();

    // A caller who gives up while the Novosibirsk phone rings: the CANCEL crosses both ingresses.
    const ringing = await nskPhone('2010', 'agent-no-answer.xml');
    const abandon = await caller('caller-abandon.xml', 1_000);
    expect(abandon).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await ringing.phone.done).exitCode).toBe(0);
    await waitFor(
      () => [...ended.values()].find((e) => e.cause === 2 && e.durationMs >= 900),
      'CallEnded, abandoned while the Novosibirsk phone rang',
    );
    await ringing.unregister();
  });
});
