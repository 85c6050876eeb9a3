/**
 * Routing engine benchmark: one routing domain of 10,000 agents, 500 queues and 50 skills under 200 arrivals per
 * second of simulated time, driven as fast as the CPU allows. Measures the engine's decision latency per command,
 * routing events decided per CPU second, memory for 10,000 agents and the speed of rebuilding the state by replay.
 *
 *   npm run bench:routing -- [--duration=S] [--warmup=S] [--rate=R] [--agents=N] [--queues=N] [--skills=N] [--seed=N]
 *
 * Options can also be given as BENCH_DURATION_S, BENCH_WARMUP_S, BENCH_RATE, BENCH_AGENTS, BENCH_QUEUES,
 * BENCH_SKILLS, BENCH_SEED. The npm script runs node with --expose-gc for the memory figures.
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { RoutingEngine, routingDomainId, toSnapshot } from '@cc/acd';
import { machineInfo } from '../shared/machine';
import { positiveOption } from '../shared/options';
import { atLeast, atMost, type Figure, formatTable, info, writeReport } from '../shared/report';
import { BENCH_BRANCH, BENCH_TENANT, benchDomain, DEFAULT_SHAPE, type DomainShape } from './domain';
import { type LoadOptions, type Measurement, RoutingLoad } from './driver';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'routing.json');
const ADAPTER = 'engine';
const START_AT = Date.UTC(2026, 10, 23, 6, 0, 0);

const TARGETS = { decisionP99Ms: 1, eventsPerCpuSecond: 20_000 };

/** Wrap-up and ring delay of the load; talk time is set from them so that agents are ~85% occupied. */
const WRAP_UP_MS = 5_000;
const RING_DELAY_MS: [number, number] = [1_000, 3_000];
const TARGET_OCCUPANCY = 0.85;

interface Options {
  durationS: number;
  warmupS: number;
  rate: number;
  shape: DomainShape;
  seed: number;
}

function parseOptions(): Options {
  return {
    durationS: positiveOption('duration', 'BENCH_DURATION_S', 180),
    warmupS: positiveOption('warmup', 'BENCH_WARMUP_S', 90),
    rate: positiveOption('rate', 'BENCH_RATE', 200),
    shape: {
      ...DEFAULT_SHAPE,
      agents: Math.round(positiveOption('agents', 'BENCH_AGENTS', DEFAULT_SHAPE.agents)),
      queues: Math.round(positiveOption('queues', 'BENCH_QUEUES', DEFAULT_SHAPE.queues)),
      skills: Math.round(positiveOption('skills', 'BENCH_SKILLS', DEFAULT_SHAPE.skills)),
    },
    seed: Math.round(positiveOption('seed', 'BENCH_SEED', 1)),
  };
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/** Heap in use after a full collection, in MiB; NaN without --expose-gc. */
function settledHeapMiB(): number {
  if (gc === undefined) return Number.NaN;
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 ** 2;
}

function digestOf(engine: RoutingEngine): string {
  return createHash('sha256')
    .update(JSON.stringify(toSnapshot(engine.state)))
    .digest('hex');
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} ${message}\n`);
}

async function main(): Promise<void> {
  const options = parseOptions();
  const machine = machineInfo();
  const domainId = routingDomainId(BENCH_TENANT, BENCH_BRANCH);
  const { shape } = options;
  log(`routing benchmark on ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, node ${machine.node}`);
  if (gc === undefined) log('no --expose-gc: memory figures are left out (run through npm run bench:routing)');

  // ---- the domain ----
  const heapBeforeConfig = settledHeapMiB();
  const domain = benchDomain(shape, options.seed, START_AT, WRAP_UP_MS);
  const heapOfConfigData = settledHeapMiB() - heapBeforeConfig;
  const cycleMs = (TARGET_OCCUPANCY * domain.usefulAgents * 1000) / options.rate;
  const talkMeanMs = cycleMs - WRAP_UP_MS - (RING_DELAY_MS[0] + RING_DELAY_MS[1]) / 2;
  if (talkMeanMs <= 0)
    throw new Error(
      `${domain.usefulAgents} agents cannot be ${TARGET_OCCUPANCY * 100}% busy at ${options.rate} arrivals/s`,
    );
  log(
    `${shape.agents} agents (${domain.usefulAgents} fit a queue), ${shape.queues} queues (${round(domain.meanEligiblePerQueue, 0)} agents fit one on ` +
      `average), ${shape.skills} skills; talk ${round(talkMeanMs / 1000, 1)} s + wrap-up ${WRAP_UP_MS / 1000} s for ~${TARGET_OCCUPANCY * 100}% occupancy`,
  );
  const load: LoadOptions = {
    arrivalsPerSecond: options.rate,
    talkMeanMs,
    talkSdMs: talkMeanMs / 2,
    patienceMeanMs: 120_000,
    ringDelayMinMs: RING_DELAY_MS[0],
    ringDelayMaxMs: RING_DELAY_MS[1],
    missProbability: 0.005,
    recoverMs: 10_000,
  };

  // ---- memory of a freshly loaded domain, measured on an engine of its own (no event log around) ----
  let probe: RoutingEngine | undefined = new RoutingEngine(domainId);
  const probeLoad = new RoutingLoad(probe, domain, load, options.seed, START_AT);
  const heapBeforeProbe = settledHeapMiB();
  probeLoad.setUp();
  probeLoad.log.length = 0;
  const heapLoaded = settledHeapMiB() - heapBeforeProbe + heapOfConfigData;
  probe = undefined;
  void probe;

  // ---- the run ----
  let engine: RoutingEngine | undefined = new RoutingEngine(domainId);
  let driver: RoutingLoad | undefined = new RoutingLoad(engine, domain, load, options.seed, START_AT);
  const setUpStarted = process.hrtime.bigint();
  driver.setUp();
  const setUpS = Number(process.hrtime.bigint() - setUpStarted) / 1e9;
  log(`configuration and ${shape.agents} log-ins applied in ${round(setUpS, 2)} s`);
  log(`warming up: ${options.warmupS} s simulated`);
  const warm = driver.run(options.warmupS * 1000, false);
  log(`warm-up took ${round(warm.wallMs / 1000, 1)} s`);
  log(`measuring: ${options.durationS} s simulated at ${options.rate} arrivals/s`);
  const m: Measurement = driver.run(options.durationS * 1000, true);
  log(
    `measured ${m.commands} commands, ${m.events} events in ${round(m.wallMs / 1000, 1)} s wall, ${round(m.cpuMs / 1000, 1)} s CPU ` +
      `(${round(m.engineMs / 1000, 1)} s inside engine.execute)`,
  );
  const heapSteadyWithLog = settledHeapMiB();
  const liveDigest = digestOf(engine);
  const events = driver.log;
  engine = undefined;
  driver = undefined;
  void engine;
  void driver;
  const heapSteady = heapSteadyWithLog - settledHeapMiB() + heapOfConfigData;

  // ---- replay ----
  log(`replaying ${events.length} events`);
  const replayStarted = process.hrtime.bigint();
  const replayed = RoutingEngine.replay(domainId, events);
  const replayS = Number(process.hrtime.bigint() - replayStarted) / 1e9;
  const replayMatches = digestOf(replayed) === liveDigest;

  // ---- figures ----
  const seconds = m.cpuMs / 1000;
  const summary = m.latency.summary();
  const figures: Figure[] = [
    info('decision latency p50', ADAPTER, round(summary.p50, 4), 'ms'),
    info('decision latency p90', ADAPTER, round(summary.p90, 4), 'ms'),
    atMost('decision latency p99', ADAPTER, round(summary.p99, 4), 'ms', TARGETS.decisionP99Ms),
    info('decision latency max', ADAPTER, round(summary.max, 3), 'ms'),
    atLeast(
      'routing events decided per CPU second',
      ADAPTER,
      Math.round(m.events / seconds),
      'events/s',
      TARGETS.eventsPerCpuSecond,
    ),
    info(
      'routing events per second inside engine.execute',
      ADAPTER,
      Math.round(m.events / (m.engineMs / 1000)),
      'events/s',
    ),
    info('commands per CPU second', ADAPTER, Math.round(m.commands / seconds), 'commands/s'),
    info('speed-up over real time (200 arrivals/s)', ADAPTER, round(m.simulatedMs / m.wallMs, 1), 'x'),
    info('routing events per arrival', ADAPTER, round(m.events / m.arrivals, 2), 'events'),
    info(
      'heap for 10,000 agents configured and logged in',
      ADAPTER,
      round((heapLoaded * 10_000) / shape.agents, 1),
      'MiB',
    ),
    info('heap for 10,000 agents in steady state', ADAPTER, round((heapSteady * 10_000) / shape.agents, 1), 'MiB'),
    info('replay speed', ADAPTER, Math.round(events.length / replayS), 'events/s'),
    atLeast('replayed state equals the live state', ADAPTER, replayMatches ? 1 : 0, 'bool', 1),
    info(
      'agent occupancy (measured window)',
      ADAPTER,
      round((100 * m.occupancySum) / Math.max(1, m.occupancySamples), 1),
      '%',
    ),
    info('average speed of answer', ADAPTER, round(m.answerWaitSumMs / Math.max(1, m.answered) / 1000, 2), 's'),
    info('abandoned', ADAPTER, round((100 * m.abandoned) / Math.max(1, m.arrivals), 2), '%'),
    info('longest queue seen by an arrival', ADAPTER, m.maxWaiting, 'calls'),
  ];
  const byType = [...m.latencyByType].sort(([a], [b]) => a.localeCompare(b));
  for (const [type, recorder] of byType) {
    const s = recorder.summary();
    log(
      `${type}: ${s.count} commands, p50 ${round(s.p50, 4)} ms, p99 ${round(s.p99, 4)} ms, max ${round(s.max, 3)} ms`,
    );
    figures.push(info(`${type} latency p99 (${s.count} commands)`, ADAPTER, round(s.p99, 4), 'ms'));
  }
  // Latencies are wall-clock: other processes on the machine show up in them (throughput is per CPU second).
  figures.push(info('machine load average (1 min) after the run', ADAPTER, round(loadavg()[0], 2), ''));

  const report = { area: 'routing', date: new Date().toISOString(), machine, figures };
  writeReport(RESULTS_FILE, report);
  process.stdout.write(
    `\nrouting benchmark (${shape.agents} agents, ${shape.queues} queues, ${shape.skills} skills, ${options.rate} arrivals/s, ` +
      `${options.durationS} s simulated after ${options.warmupS} s warm-up)\n\n`,
  );
  process.stdout.write(`${formatTable(figures)}\n\n`);
  process.stdout.write(
    'not measured here: queued -> offered p99 through Kafka (target <= 50 ms at 200 arrivals/s); ' +
      'npm run bench:routing-service measures it through the routing service.\n',
  );
  process.stdout.write(`\nresults: ${RESULTS_FILE}\n`);
  if (figures.some((f) => f.pass === false)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
