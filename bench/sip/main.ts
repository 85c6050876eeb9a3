/**
 * bench:sip — the full inbound chain under load: sipp carriers place calls to a DID of the SIP ingress, which queues
 * them in routing (same process, embedded log, or Apache Kafka with --kafka), rings the offered agent's desk phone
 * (one sipp answering for every agent) and bridges the call; sipp hangs up after the talk time.
 *
 * Figures: calls per second sustained, failed calls, INVITE -> 100 Trying latency (sipp's response-time trace), and
 * the ingress's memory per 1,000 concurrent calls.
 *
 *   npm run bench:sip -- [--rate=200] [--duration=20] [--talk=2] [--agents=600] [--kafka]
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunningService, startService } from '@cc/platform';
import { RoutingGateway, RoutingModule } from '@cc/routing';
import { SipIngressModule, SipIngressService } from '@cc/sip-ingress';
import { startSipp } from '@cc/testing';
import { benchBroker } from '../shared/kafka-broker';
import { LatencyRecorder } from '../shared/latency';
import { rttTrace, sustainedRate } from '../shared/sipp-rtt';
import { measureHeldCalls } from '../shared/held-calls-memory';
import { machineInfo } from '../shared/machine';
import { option, positiveOption } from '../shared/options';
import { atLeast, atMost, type Figure, formatTable, info, writeReport } from '../shared/report';

const TARGET_CPS = 200;
const TARGET_TRYING_P99_MS = 10;
const TARGET_FAILED_PERCENT = 0.1;

function log(message: string): void {
  process.stderr.write(`[bench:sip] ${message}\n`);
}

async function main(): Promise<void> {
  const rate = positiveOption('rate', 'BENCH_RATE', TARGET_CPS);
  const durationS = positiveOption('duration', 'BENCH_DURATION_S', 20);
  const talkMs = positiveOption('talk', 'BENCH_TALK_S', 2) * 1000;
  // Enough agents for the load phase and for the ~1,000 calls held at once in the memory phase.
  const agents = Math.round(
    positiveOption('agents', 'BENCH_AGENTS', Math.max(1_100, Math.ceil(rate * (talkMs / 1000 + 1) * 1.5))),
  );
  const kafka = process.argv.includes('--kafka') || option('kafka', 'BENCH_KAFKA') === 'true';
  const adapter = kafka ? 'kafka' : 'embedded';

  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-sip-'));
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
  if (kafka) env['KAFKA_BROKERS'] = (await benchBroker(log)).brokers;
  const service: RunningService = await startService(
    { name: 'bench-sip', modules: [RoutingModule.forRoot({}), SipIngressModule.forRoot({ env })] },
    env,
  );
  const ingress = service.app.get(SipIngressService);
  const sip = `${ingress.sipAddress.host}:${ingress.sipAddress.port}`;
  const tenantId = `bench-${randomUUID().slice(0, 8)}`;
  const did = `+7000${Math.floor(1_000_000 + Math.random() * 8_000_000)}`;
  const phonePort = 17_000 + Math.floor(Math.random() * 1000);

  log(`${adapter}: configuring ${tenantId} (one queue, ${agents} agents with desk phones on 127.0.0.1:${phonePort})`);
  const gateway = service.app.get(RoutingGateway);
  const base = { tenantId, at: Date.now(), actor: 'bench' };
  await gateway.changeConfig({ ...base, type: 'DefineTenant', name: 'SIP benchmark', currency: 'RUB' });
  await gateway.changeConfig({
    ...base,
    type: 'DefineBranch',
    branch: { branchId: 'msk', name: 'Moscow', timeZone: 'Europe/Moscow' },
  });
  await gateway.changeConfig({ ...base, type: 'DefineSkill', skill: { skillId: 'sales', name: 'Sales' } });
  await gateway.changeConfig({
    ...base,
    type: 'DefineQueue',
    queue: {
      queueId: 'sales',
      branchId: 'msk',
      name: 'Sales',
      requiredSkills: [{ skillId: 'sales', minLevel: 1 }],
      wrapUpMs: 0,
    },
  });
  const agentIds = Array.from({ length: agents }, (_, i) => `a${i + 1}`);
  for (const agentId of agentIds) {
    await gateway.changeConfig({
      ...base,
      type: 'DefineAgent',
      agent: { agentId, branchId: 'msk', name: agentId, skills: { sales: 5 } },
    });
  }
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
  for (const agentId of agentIds)
    await api(`/agents/${agentId}/desk-phone`, { uri: `sip:${agentId}@127.0.0.1:${phonePort}` });
  for (const agentId of agentIds) {
    await gateway.logIn(tenantId, agentId, {});
    await gateway.makeReady(tenantId, agentId);
  }

  const total = Math.round(rate * durationS);
  const phones = startSipp({
    scenario: 'agent-answer.xml',
    target: sip,
    port: phonePort,
    calls: total + 1_000,
    pauseMs: 0,
    limit: 10_000,
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
  const callers = await startSipp({
    scenario: 'caller-load.xml',
    target: sip,
    calls: total,
    rate,
    limit: 10_000,
    pauseMs: talkMs,
    variables: { did, caller: '+79160000001' },
    timeoutMs: (durationS + 90) * 1000,
    extra: ['-trace_rtt', '-rtt_freq', '100'],
  }).done;

  phones.stop();

  const trying = new LatencyRecorder();
  const trace = rttTrace(callers.workDir, 'trying');
  for (const sample of trace) trying.record(sample.ms);
  const t = trying.summary();
  const failedPercent = total === 0 ? 0 : (100 * callers.failedCalls) / total;
  const achieved = sustainedRate(trace, callers.successfulCalls, total);
  const figures: Figure[] = [
    atLeast('full chain, answered calls per second', adapter, Math.min(achieved, rate), 'calls/s', TARGET_CPS),
    atMost('failed calls', adapter, failedPercent, '%', TARGET_FAILED_PERCENT),
    atMost('INVITE -> 100 Trying p99', adapter, t.p99, 'ms', TARGET_TRYING_P99_MS),
    info('INVITE -> 100 Trying p50', adapter, t.p50, 'ms'),
    info('INVITE -> 100 Trying max', adapter, t.max, 'ms'),
    info('calls placed', adapter, total, 'calls'),
    info('calls answered and ended', adapter, callers.successfulCalls, 'calls'),
    info('concurrent calls at peak', adapter, memory.peakCalls, 'calls'),
    info('heap per 1,000 concurrent calls (ingress and routing, after GC)', adapter, memory.perThousandMiB, 'MiB'),
    info('process RSS at peak', adapter, memory.peakRssMiB, 'MiB'),
  ];
  process.stdout.write(`${formatTable(figures)}\n`);
  log(`parameters: ${rate} calls/s, ${durationS} s, talk ${talkMs} ms, ${agents} agents, ${adapter}`);
  writeReport(resolve(__dirname, '../results/sip.json'), {
    area: 'sip',
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
    `bench:sip failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
