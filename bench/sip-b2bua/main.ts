/**
 * bench:sip-b2bua — the SIP B2BUA alone: the SIP ingress with routing replaced by a fixed pool of agents (each
 * queued call offered at once to the next free agent), sipp carriers placing calls to a DID, one sipp answering
 * for every agent's desk phone. What is measured is the B2BUA's SIP work: two legs per call, transactions,
 * dialogs, the call decisions and their events on the embedded log.
 *
 * Figures: calls per second sustained, failed calls, INVITE -> 100 Trying latency (sipp's response-time trace),
 * and the ingress's memory per 1,000 concurrent calls.
 *
 *   npm run bench:sip-b2bua -- [--rate=500] [--duration=20] [--talk=2] [--agents=N]
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type RunningService, startService } from '@cc/platform';
import { SipIngressModule, SipIngressService } from '@cc/sip-ingress';
import { startSipp } from '@cc/testing';
import { LatencyRecorder } from '../shared/latency';
import { machineInfo } from '../shared/machine';
import { positiveOption } from '../shared/options';
import { atLeast, atMost, type Figure, formatTable, info, writeReport } from '../shared/report';
import { rttTrace, sustainedRate } from '../shared/sipp-rtt';
import { measureHeldCalls } from '../shared/held-calls-memory';
import { FixedAgentPool } from './fixed-agent-pool';

const TARGET_CPS = 500;
const TARGET_TRYING_P99_MS = 10;
const TARGET_FAILED_PERCENT = 0.1;

function log(message: string): void {
  process.stderr.write(`[bench:sip-b2bua] ${message}\n`);
}

async function main(): Promise<void> {
  const rate = positiveOption('rate', 'BENCH_RATE', TARGET_CPS);
  const durationS = positiveOption('duration', 'BENCH_DURATION_S', 20);
  const talkMs = positiveOption('talk', 'BENCH_TALK_S', 2) * 1000;
  const agents = Math.round(
    positiveOption('agents', 'BENCH_AGENTS', Math.max(1_100, Math.ceil(rate * (talkMs / 1000 + 1) * 1.3))),
  );
  const agentIds = Array.from({ length: agents }, (_, i) => `a${i + 1}`);
  const pool = new FixedAgentPool(agentIds);

  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-sip-b2bua-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    HTTP_PORT: '0',
    GRPC_PORT: '0',
    SIP_PORT: '0',
    LOG_LEVEL: 'warn',
    SIP_LOGIN_ON_REGISTER: 'false',
  };
  delete env['KAFKA_BROKERS'];
  delete env['DATABASE_URL'];
  const service: RunningService = await startService(
    { name: 'bench-sip-b2bua', modules: [SipIngressModule.forRoot({ env, routing: pool })] },
    env,
  );
  const ingress = service.app.get(SipIngressService);
  const sip = `${ingress.sipAddress.host}:${ingress.sipAddress.port}`;
  const tenantId = `bench-${randomUUID().slice(0, 8)}`;
  const did = `+7000${Math.floor(1_000_000 + Math.random() * 8_000_000)}`;
  const phonePort = 18_000 + Math.floor(Math.random() * 1000);

  log(`configuring ${tenantId}: one DID, ${agents} agents with desk phones on 127.0.0.1:${phonePort}`);
  const api = (path: string, body: unknown) =>
    fetch(`${service.httpUrl}/api/sip/tenants/${tenantId}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (response) => {
      if (!response.ok) throw new Error(`PUT ${path}: ${response.status} ${await response.text()}`);
    });
  await api('', { realm: `${tenantId}.cc.local` });
  await api(`/dids/${encodeURIComponent(did)}`, { branchId: 'msk', queueId: 'sales' });
  await api('/trunks/bench-carrier', { kind: 'carrier', allowedSources: ['127.0.0.0/8'] });
  for (const agentId of agentIds) {
    await api(`/agents/${agentId}/desk-phone`, { uri: `sip:${agentId}@127.0.0.1:${phonePort}` });
  }

  const total = Math.round(rate * durationS);
  const phones = startSipp({
    scenario: 'agent-answer.xml',
    target: sip,
    port: phonePort,
    calls: total + 1_000,
    pauseMs: 0,
    limit: 20_000,
    timeoutMs: (durationS + 150) * 1000,
  });
  await new Promise((r) => setTimeout(r, 500));

  const memory = await measureHeldCalls({
    target: sip,
    did,
    activeCalls: () => ingress.runner?.activeCalls ?? 0,
    log,
  });

  log(`${rate} calls/s for ${durationS} s (${total} calls), talk ${talkMs} ms`);
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const callers = await startSipp({
    scenario: 'caller-load.xml',
    target: sip,
    calls: total,
    rate,
    limit: 20_000,
    pauseMs: talkMs,
    variables: { did, caller: '+79160000001' },
    timeoutMs: (durationS + 90) * 1000,
    extra: ['-trace_rtt', '-rtt_freq', '100'],
  }).done;
  loopDelay.disable();
  phones.stop();

  const trying = new LatencyRecorder();
  const trace = rttTrace(callers.workDir, 'trying');
  for (const sample of trace) trying.record(sample.ms);
  const t = trying.summary();
  const failedPercent = total === 0 ? 0 : (100 * callers.failedCalls) / total;
  const achieved = sustainedRate(trace, callers.successfulCalls, total);
  const figures: Figure[] = [
    atLeast('B2BUA alone, answered calls per second', 'embedded', Math.min(achieved, rate), 'calls/s', TARGET_CPS),
    atMost('failed calls', 'embedded', failedPercent, '%', TARGET_FAILED_PERCENT),
    atMost('INVITE -> 100 Trying p99', 'embedded', t.p99, 'ms', TARGET_TRYING_P99_MS),
    info('INVITE -> 100 Trying p50', 'embedded', t.p50, 'ms'),
    info('INVITE -> 100 Trying max', 'embedded', t.max, 'ms'),
    info('event loop delay p99 (ingress, during the load)', 'embedded', loopDelay.percentile(99) / 1e6, 'ms'),
    info('event loop delay max (ingress, during the load)', 'embedded', loopDelay.max / 1e6, 'ms'),
    info('calls placed', 'embedded', total, 'calls'),
    info('calls answered and ended', 'embedded', callers.successfulCalls, 'calls'),
    info('concurrent calls at peak', 'embedded', memory.peakCalls, 'calls'),
    info('heap per 1,000 concurrent calls (ingress alone, after GC)', 'embedded', memory.perThousandMiB, 'MiB'),
    info('process RSS at peak', 'embedded', memory.peakRssMiB, 'MiB'),
  ];
  process.stdout.write(`${formatTable(figures)}\n`);
  log(`parameters: ${rate} calls/s, ${durationS} s, talk ${talkMs} ms, ${agents} agents`);
  writeReport(resolve(__dirname, '../results/sip-b2bua.json'), {
    area: 'sip-b2bua',
    date: new Date().toISOString(),
    machine: machineInfo(),
    figures,
  });
  if (callers.errors) log(`sipp reported:\n${callers.errors.slice(0, 2000)}`);
  await service.stop();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:sip-b2bua failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
