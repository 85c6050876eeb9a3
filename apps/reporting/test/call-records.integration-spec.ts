import { requireKafka } from '@cc/testing';
import { EventBus, type PublishRequest } from '@cc/event-bus';
import { createTestDatabase, type TestDatabase } from '@cc/persistence';
import { type RunningService, startService } from '@cc/platform';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportingModule } from '../src';
import { answeredCall } from './call-lifecycle.factory';

interface Mode {
  name: string;
  env(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

const dataDir = mkdtempSync(join(tmpdir(), 'cc-reporting-'));
let database: TestDatabase | undefined;

const modes: Mode[] = [
  {
    name: 'embedded log + PGlite',
    env: async () => ({ DATA_DIR: dataDir }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  },
  {
    name: 'Apache Kafka + PostgreSQL',
    env: async () => {
      database ??= await createTestDatabase();
      return { KAFKA_BROKERS: requireKafka(), DATABASE_URL: database.url, DATA_DIR: dataDir };
    },
    cleanup: async () => database?.drop(),
  },
];

async function waitForJson<T>(url: string, accept: (body: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const response = await fetch(url);
    last = await response.json();
    if (response.ok && accept(last as T)) return last as T;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting on ${url}; last answer ${JSON.stringify(last)}`);
}

describe.each(modes)('reporting: call records through $name', (mode) => {
  let service: RunningService;
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const start = async () => startService({ name: 'reporting', modules: [ReportingModule] }, { ...(await mode.env()), HTTP_PORT: '0', GRPC_PORT: '0', LOG_LEVEL: 'warn' });

  beforeAll(async () => {
    service = await start();
  });

  afterAll(async () => {
    await service?.stop();
    await mode.cleanup();
  });

  it('is ready only when the event log and the database answer', async () => {
    const response = await fetch(`${service.httpUrl}/health/ready`);
    const body = (await response.json()) as { status: string; info: Record<string, { status: string }> };
    expect(response.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.info['event-bus'].status).toBe('up');
    expect(body.info['database:reporting'].status).toBe('up');
  });

  it('projects a published call into Postgres and serves it through the reports API', async () => {
    const bus = service.app.get(EventBus);
    const callId = randomUUID();
    await bus.publishAll(answeredCall(tenantId, callId, new Date('2026-11-23T09:00:00Z')) as PublishRequest<unknown>[]);

    const record = await waitForJson<Record<string, unknown>>(
      `${service.httpUrl}/api/reporting/calls/${callId}?tenantId=${tenantId}`,
      (r) => r.endCause === 'normal',
    );
    expect(record).toMatchObject({
      tenantId,
      callId,
      branchId: 'msk',
      channel: 'voice',
      direction: 'inbound',
      dialledNumber: '+74950000001',
      callerNumber: '+79160000001',
      queueId: 'sales',
      agentId: '1001',
      offers: 1,
      waitMs: 14_800,
      ringMs: 3_000,
      talkMs: 180_000,
      durationMs: 195_000,
      abandoned: false,
      hungUpBy: 'customer',
      arrivedAt: '2026-11-23T09:00:00.000Z',
      answeredAt: '2026-11-23T09:00:15.000Z',
    });

    const page = await waitForJson<{ items: Array<{ callId: string }>; nextCursor: string | null }>(
      `${service.httpUrl}/api/reporting/calls?tenantId=${tenantId}&from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z`,
      (p) => p.items.length === 1,
    );
    expect(page.items[0].callId).toBe(callId);
  });

  it('does not apply events twice after a restart', async () => {
    const callId = randomUUID();
    await service.app.get(EventBus).publishAll(answeredCall(tenantId, callId, new Date('2026-11-23T10:00:00Z')) as PublishRequest<unknown>[]);
    const url = `${service.httpUrl}/api/reporting/calls/${callId}?tenantId=${tenantId}`;
    await waitForJson<{ endCause: string }>(url, (r) => r.endCause === 'normal');
    await service.stop();

    service = await start();
    const again = await waitForJson<{ offers: number; endCause: string }>(`${service.httpUrl}/api/reporting/calls/${callId}?tenantId=${tenantId}`, (r) => r.endCause === 'normal');
    expect(again.offers).toBe(1);
    const all = await waitForJson<{ items: unknown[] }>(`${service.httpUrl}/api/reporting/calls?tenantId=${tenantId}`, () => true);
    expect(all.items).toHaveLength(2);
  });

  it('answers bad parameters with a 400 that names them', async () => {
    const response = await fetch(`${service.httpUrl}/api/reporting/calls?from=yesterday&limit=0`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string[] };
    expect(body.message).toEqual(
      expect.arrayContaining(['tenantId is required', 'from must be an ISO 8601 date-time', 'limit must be at least 1']),
    );
    const unknownCall = await fetch(`${service.httpUrl}/api/reporting/calls/${randomUUID()}?tenantId=${tenantId}`);
    expect(unknownCall.status).toBe(404);
  });
});
