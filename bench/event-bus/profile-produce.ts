/**
 * Profiles the embedded adapter's benchmark phases one at a time, for comparing changes on a shared machine where
 * wall-clock throughput is noisy:
 *
 *   node --max-semi-space-size=64 tools/run-ts.js bench/event-bus/profile-produce.ts [produce|consume|latency] [events]
 *
 * It warms up like the benchmark, then runs the produce phase (200,000 events by default, 5,000 publishes in flight),
 * and with `consume` or `latency` the later phases too. CPU time of each phase is printed. Environment:
 * - CPU_PROFILE=file.cpuprofile: a CPU profile of the produce phase only (open it in Chrome DevTools);
 * - HEAP_PROFILE=file.heapprofile: sampled allocations of the produce phase, including objects already collected;
 * - CALLGRIND=1: under `valgrind --tool=callgrind --instr-atstart=no`, instruments the produce phase only, so that
 *   instruction counts compare runs repeatably (add --perf-basic-prof to name JIT code from /tmp/perf-<pid>.map);
 * - PREALLOCATE_BYTES: the log's preallocateBytes option.
 */
import { exec } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { EmbeddedEventLog, EventBus } from '@cc/event-bus';
import { benchEvents, consume, endToEndLatency, produce } from './scenarios';

const PARTITIONS = 12;
const IN_FLIGHT = 5_000;

async function main(): Promise<void> {
  const phase = process.argv[2] ?? 'produce';
  const events = Number(process.argv[3] ?? 200_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-profile-event-bus-'));
  const preallocateBytes = process.env.PREALLOCATE_BYTES ? Number(process.env.PREALLOCATE_BYTES) : undefined;
  const log = new EmbeddedEventLog({ dataDir, fsync: true, preallocateBytes });
  const session = new Session();
  try {
    await log.connect();
    const warmup = benchEvents('bench.profile.warmup');
    const throughput = benchEvents('bench.profile.throughput');
    const busFor = (e: typeof warmup) => new EventBus({ log, source: 'cc/bench', registry: e.registry });
    const bus = busFor(throughput);
    await bus.ensureTopics([warmup, throughput].map((e) => ({ name: e.topic, partitions: PARTITIONS })));
    await produce(busFor(warmup), warmup, Math.min(20_000, events), IN_FLIGHT);

    session.connect();
    const post = promisify(session.post.bind(session)) as (method: string, params?: object) => Promise<unknown>;
    const cpuProfile = process.env.CPU_PROFILE;
    const heapProfile = process.env.HEAP_PROFILE;
    const callgrind = process.env.CALLGRIND === '1';
    if (cpuProfile) {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
      await post('Profiler.start');
    }
    if (heapProfile) {
      await post('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
    if (callgrind) await promisify(exec)(`callgrind_control -i on ${process.pid}`);
    const produced = await measure(() => produce(bus, throughput, events, IN_FLIGHT));
    if (callgrind) await promisify(exec)(`callgrind_control -i off ${process.pid}`);
    if (heapProfile)
      writeFileSync(
        heapProfile,
        JSON.stringify(((await post('HeapProfiler.stopSampling')) as { profile: unknown }).profile),
      );
    if (cpuProfile)
      writeFileSync(cpuProfile, JSON.stringify(((await post('Profiler.stop')) as { profile: unknown }).profile));
    report('produce', produced.result.perSecond, produced);

    if (phase === 'consume' || phase === 'latency') {
      const consumed = await measure(() => consume(bus, throughput, events, 300_000));
      report('consume', consumed.result.perSecond, consumed);
    }
    if (phase === 'latency') {
      const latencyEvents = benchEvents('bench.profile.latency');
      await bus.ensureTopics([{ name: latencyEvents.topic, partitions: PARTITIONS }]);
      const pauses: number[] = [];
      const gc = new PerformanceObserver((list) => pauses.push(...list.getEntries().map((e) => e.duration)));
      gc.observe({ entryTypes: ['gc'] });
      const latency = await endToEndLatency(busFor(latencyEvents), latencyEvents, 1_000, 20);
      gc.disconnect();
      const ms = (v: number) => v.toFixed(2);
      process.stderr.write(
        `latency p50 ${ms(latency.p50)} p90 ${ms(latency.p90)} p99 ${ms(latency.p99)} max ${ms(latency.max)} ms; ` +
          `ack p50 ${ms(latency.ack.p50)} p99 ${ms(latency.ack.p99)} ms; ` +
          `${pauses.length} GC pauses, longest ${ms(Math.max(0, ...pauses))} ms\n`,
      );
    }
    await bus.close();
  } finally {
    session.disconnect();
    await log.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure<T>(
  run: () => Promise<T>,
): Promise<{ result: T; wallMs: number; userMs: number; systemMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const used = process.cpuUsage(cpu);
  return { result, wallMs: performance.now() - started, userMs: used.user / 1000, systemMs: used.system / 1000 };
}

function report(phase: string, perSecond: number, m: { wallMs: number; userMs: number; systemMs: number }): void {
  process.stderr.write(
    `${phase} ${Math.round(perSecond)} events/s in ${m.wallMs.toFixed(0)} ms, ` +
      `CPU user ${m.userMs.toFixed(0)} ms system ${m.systemMs.toFixed(0)} ms\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
