import {
  CALL_LIFECYCLE_TOPIC,
  CallEndedEvent,
  type callV1,
  SIP_LEGS_TOPIC,
  SIP_REGISTRATIONS_TOPIC,
} from '@cc/contracts';
import { EventBus } from '@cc/event-bus';
import { type RunningService, startService } from '@cc/platform';
import { RoutingModule } from '@cc/routing';
import { SipIngressModule, SipIngressService } from '@cc/sip-ingress';
import { requireKafka, requirePostgres, requireSipp, runSipp, type SippProcess, startSipp } from '@cc/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real calls through the SIP ingress: sipp processes on loopback act as the carrier and as agents' phones, the
 * routing service decides, on the embedded log + PGlite and on Apache Kafka + PostgreSQL.
 */
const modes = [
  { name: 'the embedded log and PGlite', env: (): NodeJS.ProcessEnv => ({}) },
  {
    name: 'Apache Kafka and PostgreSQL',
    env: (): NodeJS.ProcessEnv => ({ KAFKA_BROKERS: requireKafka(), DATABASE_URL: requirePostgres() }),
  },
];

let nextPort = 16_100 + Math.floor(Math.random() * 200) * 10;
const port = () => (nextPort += 1);

describe.each(modes)('calls through the SIP ingress on $name', (mode) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-sip-calls-'));
  let service: RunningService;
  let target: string;
  let ended: Map<string, callV1.CallEnded>;
  /** Every event type seen per call id (and per "<tenant>/<agent>" for registrations), in order. */
  let seen: Map<string, string[]>;
  const phones: SippProcess[] = [];

  beforeAll(async () => {
    requireSipp();
    const { KAFKA_BROKERS: _k, DATABASE_URL: _d, ...base } = process.env;
    const env = {
      ...base,
      ...mode.env(),
      DATA_DIR: dataDir,
      HTTP_PORT: '0',
      GRPC_PORT: '0',
      SIP_PORT: '0',
      LOG_LEVEL: 'warn',
    };
    service = await startService(
      {
        name: 'sip-calls-test',
        modules: [
          RoutingModule.forRoot({ seedDemoTenant: true }),
          SipIngressModule.forRoot({ seedDemoDirectory: true, env }),
        ],
      },
      env,
    );
    const sip = service.app.get(SipIngressService).sipAddress;
    target = `${sip.host}:${sip.port}`;
    ended = new Map();
    seen = new Map();
    const bus = service.app.get(EventBus);
    await bus.subscribe(
      {
        groupId: `sip-calls-test.${randomUUID()}`,
        topics: [CALL_LIFECYCLE_TOPIC, SIP_LEGS_TOPIC, SIP_REGISTRATIONS_TOPIC],
        startFrom: 'latest',
      },
      async (event) => {
        const key = event.key ?? '';
        seen.set(key, [...(seen.get(key) ?? []), event.envelope.type]);
        if (event.envelope.type === CallEndedEvent.type) {
          const data = event.envelope.data as callV1.CallEnded;
          ended.set(data.callId, data);
        }
      },
    );
  });

  afterEach(async () => {
    for (const phone of phones.splice(0)) phone.stop();
  });

  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Registers an agent's phone answering with `scenario` on a port of its own (logging the agent in). */
  async function agentPhone(
    agent: string,
    scenario: string,
    pauseMs = 300,
    variables: Record<string, string> = {},
  ): Promise<{ phone: SippProcess; unregister: () => Promise<void> }> {
    const contactPort = port();
    const phone = startSipp({ scenario, target, port: contactPort, pauseMs, variables, timeoutMs: 60_000 });
    phones.push(phone);
    const register = (expires: string) =>
      runSipp({
        scenario: 'agent-register.xml',
        target,
        port: port(),
        auth: { username: agent, password: `demo-${agent}` },
        variables: { agent, domain: '127.0.0.1', contact_port: String(contactPort), expires },
        timeoutMs: 10_000,
      });
    const registered = await register('300');
    expect(registered.exitCode).toBe(0);
    // Logged in and ready; a waiting call may already be ringing the phone.
    await waitFor(
      async () => ['Available', 'Reserved', 'Busy'].includes(await agentState(agent)),
      `agent ${agent} ready after registering`,
    );
    return { phone, unregister: async () => void (await register('0')) };
  }

  async function agentState(agent: string): Promise<string> {
    const response = await fetch(`${service.httpUrl}/api/routing/tenants/demo/agents/${agent}/status`);
    return ((await response.json()) as { state?: string }).state ?? 'unknown';
  }

  function caller(scenario: string, did: string, pauseMs: number) {
    return runSipp({
      scenario,
      target,
      port: port(),
      pauseMs,
      variables: { did, caller: '+79160000001' },
      timeoutMs: 45_000,
    });
  }

  it('connects a carrier call to the registered agent; the caller’s BYE ends both legs; the call is on the bus', async () => {
    const agent = await agentPhone('1001', 'agent-answer.xml', 300);
    const call = await caller('caller.xml', '+74950000001', 500);
    expect(call.errors).toBe('');
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1, failedCalls: 0 });
    const answered = await agent.phone.done;
    expect(answered).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    const record = await waitFor(
      () => [...ended.values()].find((e) => e.agentId === '1001' && e.hungUpBy === 1),
      'CallEnded of the call',
    );
    expect(record.talkMs).toBeGreaterThanOrEqual(400);
    expect(record.queueId).toBe('msk-sales');
    // Routing may offer the call before the caller hears ringing, so only the first and last are fixed.
    const types = seen.get(record.callId) ?? [];
    expect(types[0]).toBe('cc.call.v1.CallArrived');
    expect(types[types.length - 1]).toBe('cc.call.v1.CallEnded');
    expect([...types].sort()).toEqual(
      [
        'cc.call.v1.CallArrived',
        'cc.call.v1.CallRinging',
        'cc.sip.v1.LegStarted',
        'cc.sip.v1.LegRinging',
        'cc.sip.v1.LegAnswered',
        'cc.call.v1.CallAnswered',
        'cc.call.v1.CallBridged',
        'cc.sip.v1.LegEnded',
        'cc.call.v1.CallEnded',
      ].sort(),
    );
    expect(seen.get('demo/1001')).toContain('cc.sip.v1.PhoneRegistrationChanged');
    await agent.unregister();
  });

  it('ends the caller’s leg when the agent hangs up', async () => {
    const agent = await agentPhone('1002', 'agent-hangup.xml', 400);
    const call = await caller('caller-wait-bye.xml', '+74950000001', 0);
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await agent.phone.done).exitCode).toBe(0);
    await waitFor(
      () => [...ended.values()].find((e) => e.agentId === '1002' && e.hungUpBy === 2),
      'CallEnded, hung up by the agent',
    );
    await agent.unregister();
  });

  it('answers a caller who hangs up while the agent’s phone rings with 487, cancels the agent’s leg and abandons', async () => {
    const agent = await agentPhone('1003', 'agent-no-answer.xml');
    const call = await caller('caller-abandon.xml', '+74950000001', 1_000);
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await agent.phone.done).exitCode).toBe(0);
    const record = await waitFor(
      () => [...ended.values()].find((e) => e.cause === 2 && e.durationMs >= 900),
      'CallEnded, abandoned',
    );
    expect(record.hungUpBy).toBe(1);
    await agent.unregister();
  });

  it('offers the call to the next agent when the first one is busy', async () => {
    // Support agents take +74950000002 (msk-support).
    const busy = await agentPhone('1004', 'agent-busy.xml');
    const calling = caller('caller.xml', '+74950000002', 300);
    expect((await busy.phone.done).exitCode).toBe(0);
    const next = await agentPhone('1005', 'agent-answer.xml', 200);
    const call = await calling;
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await next.phone.done).exitCode).toBe(0);
    await waitFor(() => [...ended.values()].find((e) => e.agentId === '1005'), 'CallEnded with the second agent');
    await busy.unregister();
    await next.unregister();
  });

  it('cancels an unanswered agent leg at the ring timeout and re-offers the call', async () => {
    const silent = await agentPhone('1006', 'agent-no-answer.xml');
    const calling = caller('caller.xml', '+74950000002', 300);
    await waitFor(async () => (await agentState('1006')) === 'Reserved', 'the first agent is offered the call');
    const next = await agentPhone('1009', 'agent-answer.xml', 200);
    // The demo queues ring an agent for 15 s; then routing times the offer out and the ingress CANCELs the leg.
    expect((await silent.phone.done).exitCode).toBe(0);
    const call = await calling;
    expect(call.errors).toBe('');
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    await waitFor(() => [...ended.values()].find((e) => e.agentId === '1009'), 'CallEnded with the second agent');
    await silent.unregister();
    await next.unregister();
  });

  it('transfers the caller blind to another queue when the agent sends REFER, and connects the next agent', async () => {
    const first = await agentPhone('1001', 'agent-refer.xml', 400, { refer_to: 'msk-billing' });
    const second = await agentPhone('1008', 'agent-answer.xml', 200);
    const call = await caller('caller-transfer.xml', '+74950000001', 500);
    expect(call.errors).toBe('');
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await first.phone.done).exitCode).toBe(0);
    expect((await second.phone.done).exitCode).toBe(0);
    const record = await waitFor(
      () => [...ended.values()].find((e) => e.agentId === '1008'),
      'CallEnded with the agent of the transfer',
    );
    expect(record.queueId).toBe('msk-billing');
    expect(seen.get(record.callId)).toContain('cc.call.v1.CallTransferred');
    await first.unregister();
    await second.unregister();
  });

  it('refuses a call to a number that is not a DID with 404', async () => {
    const unknown = await caller('caller.xml', '+70000000000', 0);
    expect(unknown.failedCalls).toBe(1);
    expect(unknown.errors).toContain('404');
  });
});

async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
