import { CallArrivedEvent, callV1 } from '@cc/contracts';
import { credentials } from '@grpc/grpc-js';
import { healthV1, platformV1 } from '@cc/contracts';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EmbeddedEventLog, EventBus } from '@cc/event-bus';
import { requireSipp, runSipp, type SippProcess, startSipp, waitFor } from '@cc/testing';

const root = resolve(__dirname, '../../..');

interface Started {
  child: ChildProcess;
  output: () => string;
  httpUrl: string;
  grpcAddress: string;
}

/** Runs `npm start` as a user would, on its own data folder and free ports, and waits for its banner. */
async function npmStart(dataDir: string): Promise<Started> {
  // The embedded mode: no Kafka or PostgreSQL settings, even though the integration setup exported them.
  const { KAFKA_BROKERS: _kafka, DATABASE_URL: _database, ...env } = process.env;
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...env, DATA_DIR: dataDir, HTTP_PORT: '0', GRPC_PORT: '0', SIP_PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (!/gRPC:\s+\S+/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => output,
    httpUrl: /health:\s+(http:\/\/\S+)\/health\/ready/.exec(output)![1],
    grpcAddress: /gRPC:\s+(\S+)/.exec(output)![1],
  };
}

/**
 * Ctrl-C: the signal goes to npm's whole process group, as a terminal sends it. npm itself ends by the signal;
 * what matters is that the platform process says it stopped cleanly (its exit code 0 follows that line).
 */
async function interrupt(started: Started): Promise<string> {
  const exited = new Promise((resolveExit) => started.child.on('exit', resolveExit));
  process.kill(-started.child.pid!, 'SIGINT');
  const deadline = Date.now() + 20_000;
  while (!/stopped cleanly|did not stop cleanly/.test(started.output()) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await exited;
  return /(all-in-one (stopped cleanly|did not stop cleanly).*)/.exec(started.output())?.[1] ?? started.output();
}

function grpcCall<Res>(client: object, method: string, request: object): Promise<Res> {
  return new Promise((resolveCall, reject) =>
    (client as Record<string, (r: object, cb: (e: Error | null, res: Res) => void) => void>)[method](
      request,
      (error, response) => (error ? reject(error) : resolveCall(response)),
    ),
  );
}

describe('npm start (all-in-one, embedded)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-all-in-one-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves readiness, metrics and gRPC admin, and keeps committed events across Ctrl-C', async () => {
    const first = await npmStart(dataDir);
    try {
      expect(first.output()).toContain('apps:        routing, reporting');
      // The demo tenant of DEMO.md is seeded; a supervisor's change to it must survive the next start.
      const demo = (await (await fetch(`${first.httpUrl}/api/routing/tenants/demo/config`)).json()) as {
        agents: Record<string, unknown>;
        branches: Record<string, unknown>;
        queues: Record<string, { name: string; branchId: string; requiredSkills: unknown[] }>;
      };
      expect(Object.keys(demo.branches).sort()).toEqual(['msk', 'nsk']);
      expect(Object.keys(demo.agents)).toHaveLength(20);
      const { name: _name, ...sales } = demo.queues['msk-sales']!;
      const renamed = await fetch(`${first.httpUrl}/api/routing/tenants/demo/queues/msk-sales`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...sales, name: 'Moscow sales (renamed)' }),
      });
      expect(renamed.status).toBe(200);
      const login = await fetch(`${first.httpUrl}/api/routing/tenants/demo/agents/1001/login`, { method: 'POST' });
      expect(login.status).toBe(200);
      expect(first.output()).toContain(`event log:   embedded, ${join(dataDir, 'event-log')}`);
      const ready = await fetch(`${first.httpUrl}/health/ready`);
      expect(ready.status).toBe(200);
      const metrics = await (await fetch(`${first.httpUrl}/metrics`)).text();
      expect(metrics).toContain('cc_consumer_lag');

      const health = new healthV1.HealthClient(first.grpcAddress, credentials.createInsecure());
      const check = await grpcCall<healthV1.HealthCheckResponse>(health, 'check', { service: '' });
      expect(check.status).toBe(healthV1.HealthCheckResponse_ServingStatus.SERVING);
      const admin = new platformV1.AdminServiceClient(first.grpcAddress, credentials.createInsecure());
      const status = await grpcCall<platformV1.GetStatusResponse>(admin, 'getStatus', {});
      expect(status.serviceName).toBe('all-in-one');
      expect(status.components.map((c) => [c.name, c.state])).toEqual([
        ['event-bus', platformV1.ComponentState.COMPONENT_STATE_UP],
        ['database:reporting', platformV1.ComponentState.COMPONENT_STATE_UP],
        ['database:sip_ingress', platformV1.ComponentState.COMPONENT_STATE_UP],
      ]);
      const topics = await grpcCall<platformV1.ListTopicsResponse>(admin, 'listTopics', {});
      expect(topics.topics.map((t) => t.name)).toContain('cc.call.lifecycle.v1');
      await expect(grpcCall(admin, 'getConsumerLag', { groupId: '', topics: [] })).rejects.toThrow(
        /group_id is required/,
      );
      health.close();
      admin.close();
    } finally {
      expect(await interrupt(first)).toBe('all-in-one stopped cleanly');
    }

    // The embedded log is closed: open it directly, publish one call, and start again.
    const log = new EmbeddedEventLog({ dataDir: join(dataDir, 'event-log') });
    await log.connect();
    const bus = new EventBus({ log, source: 'cc/test' });
    const callId = 'call-after-restart';
    await bus.publish({
      event: CallArrivedEvent,
      tenantId: 'demo',
      data: callV1.CallArrived.fromPartial({
        tenantId: 'demo',
        callId,
        occurredAt: new Date('2026-11-23T12:00:00Z'),
        dialledNumber: '+74950000002',
      }),
    });
    await bus.close();

    const second = await npmStart(dataDir);
    try {
      const deadline = Date.now() + 30_000;
      let record: { dialledNumber?: string } = {};
      while (Date.now() < deadline && record.dialledNumber !== '+74950000002') {
        const response = await fetch(`${second.httpUrl}/api/reporting/calls/${callId}?tenantId=demo`);
        if (response.ok) record = (await response.json()) as typeof record;
        else await new Promise((r) => setTimeout(r, 100));
      }
      expect(record.dialledNumber).toBe('+74950000002');
      const demo = (await (await fetch(`${second.httpUrl}/api/routing/tenants/demo/config`)).json()) as {
        queues: Record<string, { name: string }>;
      };
      expect(demo.queues['msk-sales']!.name).toBe('Moscow sales (renamed)');
      const agent = (await (await fetch(`${second.httpUrl}/api/routing/tenants/demo/agents/1001/status`)).json()) as {
        state: string;
      };
      expect(agent.state).toBe('Available');
    } finally {
      expect(await interrupt(second)).toBe('all-in-one stopped cleanly');
    }
  });

  it('takes a sipp caller dialling the demo DID to a sipp agent phone registered to it; the call reaches the reports', async () => {
    requireSipp();
    const sipDir = mkdtempSync(join(tmpdir(), 'cc-all-in-one-sip-'));
    const started = await npmStart(sipDir);
    const phones: SippProcess[] = [];
    try {
      const target = /SIP:\s+(\S+) UDP and TCP/.exec(started.output())![1];
      const base = 16_800 + Math.floor(Math.random() * 100) * 5;
      const phone = startSipp({ scenario: 'agent-answer.xml', target, port: base, pauseMs: 300, timeoutMs: 60_000 });
      phones.push(phone);
      const registered = await runSipp({
        scenario: 'agent-register.xml',
        target,
        port: base + 1,
        auth: { username: '1003', password: 'demo-1003' },
        variables: { agent: '1003', domain: 'demo.cc.local', contact_port: String(base), expires: '300' },
        timeoutMs: 10_000,
      });
      expect(registered.exitCode).toBe(0);
      await waitFor(async () => {
        const status = await fetch(`${started.httpUrl}/api/routing/tenants/demo/agents/1003/status`);
        return ((await status.json()) as { state?: string }).state === 'Available';
      }, 'agent 1003 logged in by the registration of the phone');
      const call = await runSipp({
        scenario: 'caller.xml',
        target,
        port: base + 2,
        pauseMs: 500,
        variables: { did: '+74950000001', caller: '+79160000001' },
        timeoutMs: 30_000,
      });
      expect(call.errors).toBe('');
      expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
      expect((await phone.done).exitCode).toBe(0);
      // The call's events went through the bus to the reporting projection.
      const record = await waitFor(async () => {
        const response = await fetch(`${started.httpUrl}/api/reporting/calls?tenantId=demo&agentId=1003`);
        const { items } = (await response.json()) as { items: Array<Record<string, unknown>> };
        return items.find((item) => item['endedAt'] !== null);
      }, 'the call in the reports');
      expect(record).toMatchObject({
        dialledNumber: '+74950000001',
        callerNumber: '+79160000001',
        queueId: 'msk-sales',
        agentId: '1003',
        direction: expect.stringMatching(/inbound/i),
      });
      expect(record['sipCallId']).toEqual(expect.stringContaining('@'));
    } finally {
      for (const phone of phones) phone.stop();
      expect(await interrupt(started)).toBe('all-in-one stopped cleanly');
      rmSync(sipDir, { recursive: true, force: true });
    }
  });
});
