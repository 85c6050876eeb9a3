import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConfigCommand } from '@cc/acd';
import { EmbeddedEventLog, EventBus, type EventLog, KafkaEventLog } from '@cc/event-bus';
import { requireKafka } from '@cc/testing';
import { RoutingRuntime } from '../src/routing-runtime';

/** One way to run the routing service's log: the embedded adapter in a folder, or the real Kafka. */
export interface LogMode {
  name: string;
  open(): Promise<EventLog>;
  cleanup(): void;
}

export function logModes(): LogMode[] {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-routing-'));
  return [
    {
      name: 'the embedded log',
      open: async () => {
        const log = new EmbeddedEventLog({ dataDir, fsync: false });
        await log.connect();
        return log;
      },
      cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
    },
    {
      name: 'Apache Kafka',
      open: async () => {
        const log = new KafkaEventLog({ brokers: requireKafka().split(','), clientId: `routing-test-${randomUUID()}` });
        await log.connect();
        return log;
      },
      cleanup: () => undefined,
    },
  ];
}

/** A routing instance on its own bus (as in its own process), started. */
export async function startInstance(mode: LogMode, name: string): Promise<{ runtime: RoutingRuntime; bus: EventBus }> {
  const bus = new EventBus({ log: await mode.open(), source: `cc/routing-test/${name}` });
  const runtime = new RoutingRuntime(bus, {
    instanceId: name,
    timings: { attemptTimeoutMs: 3_000, deadlineMs: 60_000 },
  });
  await runtime.start();
  return { runtime, bus };
}

export async function stopInstance(instance: { runtime: RoutingRuntime; bus: EventBus } | undefined): Promise<void> {
  if (instance === undefined) return;
  await instance.runtime.stop();
  await instance.bus.close();
}

export async function eventually<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/**
 * A tenant of two branches, "a" and "b", each with a support queue and one agent. Queue a-support rings for 1.5 s,
 * wraps up for 0.5 s and, after 1 s of waiting, also offers its callers to branch b.
 */
export function twoBranchTenant(tenantId: string, at = Date.now()): ConfigCommand[] {
  const base = { tenantId, at, actor: 'supervisor:test' };
  const queue = (branchId: string, expansion: boolean) => ({
    queueId: `${branchId}-support`,
    branchId,
    name: `Support ${branchId}`,
    requiredSkills: [{ skillId: 'support', minLevel: 1 }],
    ringTimeoutMs: 1_500,
    wrapUpMs: 500,
    expansion: expansion ? [{ afterMs: 1_000, action: { kind: 'branches' as const, branchIds: ['b'] } }] : [],
  });
  return [
    { ...base, type: 'DefineTenant', name: 'Test tenant', currency: 'RUB' },
    { ...base, type: 'DefineBranch', branch: { branchId: 'a', name: 'Alpha', timeZone: 'Europe/Moscow' } },
    { ...base, type: 'DefineBranch', branch: { branchId: 'b', name: 'Beta', timeZone: 'Asia/Novosibirsk' } },
    { ...base, type: 'DefineSkill', skill: { skillId: 'support', name: 'Support' } },
    { ...base, type: 'DefineNotReadyReason', reason: { code: 'break', name: 'Break' } },
    { ...base, type: 'DefineQueue', queue: queue('a', true) },
    { ...base, type: 'DefineQueue', queue: queue('b', false) },
    { ...base, type: 'DefineAgent', agent: { agentId: 'a1', branchId: 'a', name: 'Anna', skills: { support: 5 } } },
    { ...base, type: 'DefineAgent', agent: { agentId: 'b1', branchId: 'b', name: 'Boris', skills: { support: 5 } } },
  ];
}
