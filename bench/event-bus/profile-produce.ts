import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector';
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
const execAsync = promisify(exec);
import { writeFileSync } from 'node:fs';
import { EmbeddedEventLog, EventBus } from '@cc/event-bus';
import { benchEvents, consume, produce } from './scenarios';

async function main() {
  const phase = process.argv[2] ?? 'produce';
  const events = Number(process.argv[3] ?? 200_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-prof-'));
  const log = new EmbeddedEventLog({ dataDir, fsync: true });
  await log.connect();
  const t = benchEvents('bench.t');
  const w = benchEvents('bench.w');
  const bus = new EventBus({ log, source: 'cc/bench', registry: t.registry });
  await bus.ensureTopics([t, w].map((e) => ({ name: e.topic, partitions: 12 })));
  await produce(new EventBus({ log, source: 'cc/bench', registry: w.registry }), w, 20_000, 5000);
  const out = process.env.PROFILE;
  const session = new Session();
  if (out) {
    session.connect();
    await new Promise<void>((res) => session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start', () => res()))));
  }
  const grind = process.env.CALLGRIND === '1';
  if (grind) await execAsync(`callgrind_control -i on ${process.pid}`);
  const cpu0 = process.cpuUsage();
  const r = await produce(bus, t, events, 5000);
  const cpu1 = process.cpuUsage(cpu0);
  if (grind) await execAsync(`callgrind_control -i off ${process.pid}`);
  if (out) {
    await new Promise<void>((res) => session.post('Profiler.stop', (err, { profile }) => { writeFileSync(out, JSON.stringify(profile)); res(); }));
  }
  process.stderr.write(`produce ${Math.round(r.perSecond)}/s cpu user ${(cpu1.user / 1e3).toFixed(0)} ms sys ${(cpu1.system / 1e3).toFixed(0)} ms\n`);
  if (phase === 'consume') {
    const c0 = process.cpuUsage();
    const c = await consume(bus, t, events, 300_000);
    const c1 = process.cpuUsage(c0);
    process.stderr.write(`consume ${Math.round(c.perSecond)}/s cpu user ${(c1.user / 1e3).toFixed(0)} ms sys ${(c1.system / 1e3).toFixed(0)} ms\n`);
  }
  await bus.close();
  rmSync(dataDir, { recursive: true, force: true });
}
void main();
