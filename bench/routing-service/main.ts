/**
 * Routing service benchmark through real Apache Kafka: a routing instance (processor, replica, gateway) in this
 * process, callers queued at a steady rate through the routing API, agents' phones answering what rings and hanging
 * up after a talk time. Measures queued -> offered: from the moment a QueueInteraction command is sent until the
 * InteractionOffered decision is read back from cc.routing.log.v1 (produce, decide in a transaction, consume), plus
 * the API's reply time.
 *
 *   npm run bench:routing-service -- [--duration=S] [--rate=R] [--agents=N] [--talk=S]
 *
 * KAFKA_BROKERS points at a running cluster; without it the local broker of tools/kafka is used when it runs, else
 * one is started for the run and stopped after it.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { routingDomainId } from '@cc/acd';
import { EventBus, KafkaEventLog } from '@cc/event-bus';
import { RoutingRuntime } from '@cc/routing';
import { benchBroker } from '../shared/kafka-broker';
import { LatencyRecorder } from '../shared/latency';
import { machineInfo } from '../shared/machine';
import { positiveOption } from '../shared/options';
import { atMost, type Figure, formatTable, info, writeReport } from '../shared/report';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'routing-service.json');
const ADAPTER = 'kafka';
const TARGET_P99_MS = 50;

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} ${message}\n`);
}

async function main(): Promise<void> {
  const durationS = positiveOption('duration', 'BENCH_DURATION_S', 30);
  const warmupS = positiveOption('warmup', 'BENCH_WARMUP_S', 5);
  const rate = positiveOption('rate', 'BENCH_RATE', 200);
  const agents = Math.round(positiveOption('agents', 'BENCH_AGENTS', 500));
  const talkMs = positiveOption('talk', 'BENCH_TALK_S', 1.5) * 1000;

  const kafka = await benchBroker(log);
  const eventLog = new KafkaEventLog({ brokers: kafka.brokers.split(','), clientId: 'bench-routing-service' });
  await eventLog.connect();
  const bus = new EventBus({ log: eventLog, source: 'cc/bench-routing-service' });
  const runtime = new RoutingRuntime(bus, {
    instanceId: 'bench',
    timings: { attemptTimeoutMs: 5_000, deadlineMs: 60_000 },
  });
  await runtime.start();
  const gateway = runtime.gateway;

  const tenantId = `bench-${randomUUID().slice(0, 8)}`;
  const domainId = routingDomainId(tenantId, 'msk');
  const at = Date.now();
  const base = { tenantId, at, actor: 'seed' };
  log(`configuring ${tenantId}: one branch, one queue, ${agents} agents`);
  await gateway.changeConfig({ ...base, type: 'DefineTenant', name: 'Benchmark', currency: 'RUB' });
  await gateway.changeConfig({
    ...base,
    type: 'DefineBranch',
    branch: { branchId: 'msk', name: 'Moscow', timeZone: 'Europe/Moscow' },
  });
  await gateway.changeConfig({ ...base, type: 'DefineSkill', skill: { skillId: 'support', name: 'Support' } });
  await gateway.changeConfig({
    ...base,
    type: 'DefineQueue',
    queue: {
      queueId: 'support',
      branchId: 'msk',
      name: 'Support',
      requiredSkills: [{ skillId: 'support', minLevel: 1 }],
      wrapUpMs: 0,
    },
  });
  const agentIds = Array.from({ length: agents }, (_, i) => `a${i + 1}`);
  for (const agentId of agentIds) {
    await gateway.changeConfig({
      ...base,
      type: 'DefineAgent',
      agent: { agentId, branchId: 'msk', name: agentId, skills: { support: 1 + (Number(agentId.slice(1)) % 10) } },
    });
  }
  await Promise.all(agentIds.map((agentId) => gateway.logIn(tenantId, agentId, {})));

  // Phones: answer at once, hang up after the talk time.
  const sentAt = new Map<string, number>();
  const offered = new LatencyRecorder();
  const replied = new LatencyRecorder();
  let measuring = false;
  let failures = 0;
  runtime.replica.onEvent((domain, event) => {
    if (domain !== domainId || event.type !== 'InteractionOffered') return;
    const sent = sentAt.get(event.interactionId);
    if (sent !== undefined && measuring) offered.record(performance.now() - sent);
    sentAt.delete(event.interactionId);
    gateway
      .acceptOffer(tenantId, event.agentId, event.interactionId)
      .then(() => new Promise((done) => setTimeout(done, talkMs)))
      .then(() => gateway.complete(tenantId, 'msk', event.interactionId))
      .catch(() => (failures += 1));
  });

  const queueCalls = async (seconds: number, label: string): Promise<number> => {
    log(`${label}: ${rate} calls/s for ${seconds} s`);
    const interval = 1000 / rate;
    const started = performance.now();
    let sent = 0;
    const pending: Promise<unknown>[] = [];
    while (performance.now() - started < seconds * 1000) {
      const due = Math.floor((performance.now() - started) / interval);
      for (; sent < due; sent++) {
        const interactionId = `${label}-${sent}`;
        const t0 = performance.now();
        sentAt.set(interactionId, t0);
        pending.push(
          gateway
            .queueInteraction(tenantId, 'msk', { interactionId, queueId: 'support', channel: 'voice', kind: 'inbound' })
            .then(() => measuring && replied.record(performance.now() - t0))
            .catch(() => (failures += 1)),
        );
      }
      await new Promise((r) => setTimeout(r, Math.max(1, interval / 2)));
    }
    await Promise.all(pending);
    return sent / ((performance.now() - started) / 1000);
  };

  await queueCalls(warmupS, 'warmup');
  measuring = true;
  const achieved = await queueCalls(durationS, 'measured');
  measuring = false;
  await new Promise((r) => setTimeout(r, talkMs + 2_000));

  const o = offered.summary();
  const r = replied.summary();
  const figures: Figure[] = [
    atMost('queued -> offered p99 (read back from the log)', ADAPTER, o.p99, 'ms', TARGET_P99_MS),
    info('queued -> offered p50', ADAPTER, o.p50, 'ms'),
    info('queued -> offered p90', ADAPTER, o.p90, 'ms'),
    info('queued -> offered max', ADAPTER, o.max, 'ms'),
    info('QueueInteraction reply p50', ADAPTER, r.p50, 'ms'),
    info('QueueInteraction reply p99', ADAPTER, r.p99, 'ms'),
    info('calls offered while measuring', ADAPTER, o.count, 'calls'),
    info('arrival rate achieved', ADAPTER, achieved, 'calls/s'),
    info('agents', ADAPTER, agents, 'agents'),
    info('failed API calls', ADAPTER, failures, 'calls'),
    info('load average (1 min) at the end', ADAPTER, loadavg()[0], ''),
  ];
  process.stdout.write(`\nrouting service benchmark (${durationS} s at ${rate} calls/s, ${agents} agents, Kafka)\n\n`);
  process.stdout.write(`${formatTable(figures)}\n\nresults: ${RESULTS_FILE}\n`);
  writeReport(RESULTS_FILE, {
    area: 'routing-service',
    date: new Date().toISOString(),
    machine: machineInfo(),
    figures,
  });

  await runtime.stop();
  await bus.close();
  await kafka.release();
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `routing service benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
