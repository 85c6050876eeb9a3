import { WAIT_PREDICTOR_NAMES } from '@cc/acd';
import { type SimulationResult } from './simulation';
import { averageAbandonMs, averageSpeedOfAnswerMs, type QueueCounters, serviceLevel } from './statistics';

/** A fixed-width table: the first column left-aligned, the others right-aligned. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '-' : `${(value * 100).toFixed(digits)}%`;
}

export function seconds(ms: number | null | undefined, digits = 1): string {
  return ms === null || ms === undefined ? '-' : (ms / 1000).toFixed(digits);
}

export function ratio(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? '-' : value.toFixed(digits);
}

const SHORT_PREDICTOR: Record<string, string> = {
  'queue-length': 'QL',
  'head-of-line': 'HOL',
  'last-to-enter-service': 'LES',
  announced: 'told',
};

const QUEUE_HEADERS = [
  'queue',
  'offered',
  'answered',
  'remote',
  'abandoned',
  'short',
  'overflow',
  'callback',
  'SL',
  'ASA s',
  'aband s',
  'max q',
  'RASE QL',
  'HOL',
  'LES',
  'told',
  'chosen',
];

function queueRow(label: string, counters: QueueCounters, chosen: string): string[] {
  return [
    label,
    String(counters.offered),
    String(counters.answered),
    String(counters.answeredRemotely),
    String(counters.abandoned),
    String(counters.shortAbandons),
    String(counters.overflowed),
    `${counters.callbacksRequested}/${counters.callbacksServed}`,
    percent(serviceLevel(counters)),
    seconds(averageSpeedOfAnswerMs(counters)),
    seconds(averageAbandonMs(counters)),
    String(counters.maxWaiting),
    ...[...WAIT_PREDICTOR_NAMES, 'announced' as const].map((name) => ratio(counters.accuracy[name].rase)),
    chosen,
  ];
}

/** Per queue and total: volumes, service level, speed of answer, abandons, queue length and wait-estimate accuracy. */
export function formatQueues(result: SimulationResult): string {
  const rows = result.queues
    .filter((queue) => queue.counters.offered > 0 || queue.counters.maxWaiting > 0)
    .map((queue) =>
      queueRow(
        `${queue.domainId}:${queue.queueId}`,
        queue.counters,
        SHORT_PREDICTOR[queue.chosenPredictor ?? ''] ?? '-',
      ),
    );
  rows.push(queueRow('total', result.total, ''));
  return formatTable(QUEUE_HEADERS, rows);
}

export function formatAgents(result: SimulationResult): string {
  const rows = result.agents.map((agent) => [
    `${agent.domainId}:${agent.agentId}`,
    agent.speed.toFixed(2),
    String(agent.handled),
    String(agent.missed),
    percent(agent.occupancy),
  ]);
  const { mean, min, max, stddev } = result.occupancy;
  rows.push(['average', '', '', '', percent(mean)]);
  const table = formatTable(['agent', 'speed', 'handled', 'missed', 'occupancy'], rows);
  return `${table}\noccupancy min ${percent(min)}, max ${percent(max)}, spread ${percent(max - min)}, stddev ${percent(stddev)}`;
}

export function formatRunLine(result: SimulationResult): string {
  const { engine } = result;
  return (
    `${result.name}: ${seconds(result.durationMs, 0)} s simulated (drained at +${seconds(result.endedAt - result.startAt - result.durationMs, 0)} s), ` +
    `seed ${result.seed}; ${engine.commands} commands, ${engine.events} routing events, ${engine.messagesDelivered} overflow messages ` +
    `(${engine.messagesDropped} to domains not simulated), ${engine.invariantChecks} invariant checks passed, ${engine.wallMs.toFixed(0)} ms`
  );
}

export const REPORT_LEGEND =
  'remote: answered by another branch; short: abandons before the short-abandon time; callback: requested/served; ' +
  'SL: answered within the queue threshold / (answered + abandoned - short); RASE: relative average squared error of ' +
  'each predictor at arrival vs the realised wait of answered callers (told: the honest announcement); chosen: the ' +
  'predictor the engine announces from at the end.';
