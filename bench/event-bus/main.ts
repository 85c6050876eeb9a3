/**
 * Event bus benchmark: produce throughput, consume throughput and end-to-end latency at a fixed rate, through the
 * EventBus with real call-lifecycle contracts, on the embedded durable log and on Apache Kafka.
 *
 *   npm run bench:event-bus -- [--adapter=embedded|kafka|all] [--events=N] [--duration=S] [--rate=R] [--in-flight=N]
 *
 * The same options can be given as BENCH_ADAPTER, BENCH_EVENTS, BENCH_DURATION_S, BENCH_RATE, BENCH_IN_FLIGHT.
 * KAFKA_BROKERS points at a running cluster; without it the local broker of tools/kafka is used when it runs, else
 * one is started for the run and stopped after. The benchmark runs itself in a child process with a larger young
 * generation (see young-generation.ts) unless --max-semi-space-size is given.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EmbeddedEventLog, EventBus, type EventLog, KafkaEventLog } from '@cc/event-bus';
import { Kafka, logLevel } from 'kafkajs';
import { benchBroker } from '../shared/kafka-broker';
import { machineInfo } from '../shared/machine';
import { option, positiveOption } from '../shared/options';
import { atLeast, atMost, type Figure, formatTable, info, writeReport } from '../shared/report';
import { type BenchEvents, benchEvents, consume, endToEndLatency, eventSizes, produce } from './scenarios';
import { relaunchWithYoungGeneration } from './young-generation';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'event-bus.json');
const PARTITIONS = 12; // as cc.call.lifecycle.v1

type AdapterName = 'embedded' | 'kafka';

interface Targets {
  produced: number;
  consumed: number;
  p99Ms: number;
}

const TARGETS: Record<AdapterName, Targets> = {
  kafka: { produced: 30_000, consumed: 30_000, p99Ms: 50 },
  embedded: { produced: 50_000, consumed: 50_000, p99Ms: 10 },
};

interface Options {
  adapters: AdapterName[];
  events: number;
  durationS: number;
  rate: number;
  inFlight: number;
}

function parseOptions(): Options {
  const adapter = option('adapter', 'BENCH_ADAPTER') ?? 'all';
  if (!['embedded', 'kafka', 'all'].includes(adapter))
    throw new Error(`--adapter must be embedded, kafka or all, got ${adapter}`);
  return {
    adapters: adapter === 'all' ? ['embedded', 'kafka'] : [adapter as AdapterName],
    events: Math.round(positiveOption('events', 'BENCH_EVENTS', 200_000)),
    durationS: positiveOption('duration', 'BENCH_DURATION_S', 20),
    rate: positiveOption('rate', 'BENCH_RATE', 1_000),
    inFlight: Math.round(positiveOption('in-flight', 'BENCH_IN_FLIGHT', 5_000)),
  };
}

interface OpenedLog {
  log: EventLog;
  /** Removes what the run left behind (data folder, topics, the broker it started). */
  cleanup(topics: string[]): Promise<void>;
}

async function openEmbedded(): Promise<OpenedLog> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-event-bus-'));
  const log = new EmbeddedEventLog({ dataDir, fsync: true });
  await log.connect();
  return { log, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

async function openKafka(): Promise<OpenedLog> {
  const broker = await benchBroker((message) => process.stderr.write(`${message}\n`));
  const brokers = broker.brokers;
  const brokerList = brokers.split(',');
  const log = new KafkaEventLog({ brokers: brokerList, clientId: 'bench-event-bus' });
  await log.connect();
  return {
    log,
    cleanup: async (topics) => {
      if (broker.startedHere) {
        await broker.release(); // deletes the broker's data with it
        return;
      }
      const admin = new Kafka({
        clientId: 'bench-event-bus-cleanup',
        brokers: brokerList,
        logLevel: logLevel.ERROR,
      }).admin();
      await admin.connect();
      try {
        // Only topics that exist: a dead-letter topic is created on the first dead letter, and asking to delete a
        // missing topic fails the whole request after its retries.
        const existing = new Set(await admin.listTopics());
        const created = topics.flatMap((t) => [t, `${t}.dlq`]).filter((t) => existing.has(t));
        if (created.length > 0) await admin.deleteTopics({ topics: created });
      } catch (error) {
        process.stderr.write(`could not delete the benchmark's topics: ${String(error)}\n`);
      } finally {
        await admin.disconnect();
      }
    },
  };
}

async function runAdapter(adapter: AdapterName, options: Options): Promise<Figure[]> {
  const targets = TARGETS[adapter];
  const run = randomUUID().slice(0, 8);
  const throughputEvents = benchEvents(`bench.event-bus.${run}.throughput`);
  const latencyEvents = benchEvents(`bench.event-bus.${run}.latency`);
  const warmupEvents = benchEvents(`bench.event-bus.${run}.warmup`);
  const all = [throughputEvents, latencyEvents, warmupEvents];
  const opened = adapter === 'embedded' ? await openEmbedded() : await openKafka();
  // One bus per topic over the same log: each registry resolves the two call event types to that topic.
  const busFor = (events: BenchEvents) =>
    new EventBus({ log: opened.log, source: 'cc/bench', registry: events.registry });
  const bus = busFor(throughputEvents);
  const figures: Figure[] = [];
  try {
    await bus.ensureTopics(all.map((e) => ({ name: e.topic, partitions: PARTITIONS })));
    const sizes = eventSizes(bus, throughputEvents);
    log(
      `${adapter}: events of ${sizes.valueBytes.toFixed(0)} payload bytes + ${sizes.headerBytes.toFixed(0)} header bytes`,
    );

    log(`${adapter}: warming up`);
    await produce(busFor(warmupEvents), warmupEvents, Math.min(20_000, options.events), options.inFlight);

    log(`${adapter}: producing ${options.events} events with ${options.inFlight} publishes in flight`);
    const produced = await produce(bus, throughputEvents, options.events, options.inFlight);
    log(`${adapter}: produced ${Math.round(produced.perSecond)} events/s in ${produced.seconds.toFixed(2)} s`);
    figures.push(atLeast('produce throughput', adapter, Math.round(produced.perSecond), 'events/s', targets.produced));

    log(`${adapter}: consuming ${options.events} events with a fresh consumer group`);
    const consumed = await consume(bus, throughputEvents, options.events, 300_000);
    log(`${adapter}: consumed ${Math.round(consumed.perSecond)} events/s in ${consumed.seconds.toFixed(2)} s`);
    figures.push(atLeast('consume throughput', adapter, Math.round(consumed.perSecond), 'events/s', targets.consumed));
    figures.push(info('consumer first event after subscribe', adapter, round(consumed.firstEventMs), 'ms'));

    log(`${adapter}: end-to-end latency at ${options.rate} events/s for ${options.durationS} s`);
    const latency = await endToEndLatency(busFor(latencyEvents), latencyEvents, options.rate, options.durationS);
    figures.push(info(`e2e latency p50 @${options.rate}/s`, adapter, round(latency.p50), 'ms'));
    figures.push(info(`e2e latency p90 @${options.rate}/s`, adapter, round(latency.p90), 'ms'));
    figures.push(atMost(`e2e latency p99 @${options.rate}/s`, adapter, round(latency.p99), 'ms', targets.p99Ms));
    figures.push(info(`e2e latency max @${options.rate}/s`, adapter, round(latency.max), 'ms'));
    figures.push(info(`publish ack p50 @${options.rate}/s`, adapter, round(latency.ack.p50), 'ms'));
    figures.push(info(`publish ack p99 @${options.rate}/s`, adapter, round(latency.ack.p99), 'ms'));
    figures.push(info('e2e publisher rate achieved', adapter, Math.round(latency.achievedRate), 'events/s'));
    figures.push(info('event payload size (avg)', adapter, Math.round(sizes.valueBytes), 'bytes'));
    figures.push(info('event header size (avg)', adapter, Math.round(sizes.headerBytes), 'bytes'));
  } finally {
    await bus.close(); // closes the shared log; the other buses have nothing pending and no subscriptions left
    await opened.cleanup(all.map((e) => e.topic));
  }
  return figures;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} ${message}\n`);
}

async function main(): Promise<void> {
  const options = parseOptions();
  const machine = machineInfo();
  log(`event-bus benchmark on ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, node ${machine.node}`);
  const figures: Figure[] = [];
  for (const adapter of options.adapters) figures.push(...(await runAdapter(adapter, options)));
  const report = { area: 'event-bus', date: new Date().toISOString(), machine, figures };
  writeReport(RESULTS_FILE, report);
  process.stdout.write(
    `\nevent-bus benchmark (${options.events} events, ${options.durationS} s at ${options.rate}/s)\n\n`,
  );
  process.stdout.write(`${formatTable(figures)}\n\nresults: ${RESULTS_FILE}\n`);
  if (figures.some((f) => f.pass === false)) process.exitCode = 1;
}

const relaunched = relaunchWithYoungGeneration(ROOT, __filename);
if (relaunched !== null) {
  process.exitCode = relaunched;
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
