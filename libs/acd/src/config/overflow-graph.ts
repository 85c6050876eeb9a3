/**
 * The graph of 'queue' overflows: queue A has an edge to queue B when any of its expansion steps, its
 * whenNoAgentLoggedIn or its whenEstimatedWaitAbove action moves interactions into B. The graph must stay acyclic,
 * or an interaction could travel round the queues forever.
 */
import type { OverflowAction, QueueConfig } from './routing-config';

/** One 'queue' overflow of a queue: where it goes and where in the queue definition it is written. */
export interface OverflowEdge {
  queueId: string;
  /** JSON path of the target queue id within the queue definition, e.g. "expansion[2].action.queueId". */
  field: string;
}

/** Every action of a queue that can move or widen an interaction's routing, with its JSON path. */
export function overflowActions(queue: QueueConfig): Array<{ action: OverflowAction; field: string }> {
  const actions: Array<{ action: OverflowAction; field: string }> = [];
  if (Array.isArray(queue.expansion)) {
    queue.expansion.forEach((step, index) => {
      const action = step?.action;
      if (action !== undefined && action !== null && action.kind !== 'relax-skill-levels') {
        actions.push({ action, field: `expansion[${index}].action` });
      }
    });
  }
  if (queue.whenNoAgentLoggedIn !== undefined) {
    actions.push({ action: queue.whenNoAgentLoggedIn, field: 'whenNoAgentLoggedIn' });
  }
  if (queue.whenEstimatedWaitAbove?.action !== undefined) {
    actions.push({ action: queue.whenEstimatedWaitAbove.action, field: 'whenEstimatedWaitAbove.action' });
  }
  return actions;
}

/** The queues a queue overflows into ('queue' actions), in the order they are written. */
export function overflowEdges(queue: QueueConfig): OverflowEdge[] {
  const edges: OverflowEdge[] = [];
  for (const { action, field } of overflowActions(queue)) {
    if (action.kind === 'queue') edges.push({ queueId: action.queueId, field: `${field}.queueId` });
  }
  return edges;
}

/** The other queues whose overflow names `queueId`, each with the first place it is named. */
export function overflowReferrers(queueId: string, queues: Record<string, QueueConfig>): OverflowEdge[] {
  const referrers: OverflowEdge[] = [];
  for (const queue of Object.values(queues)) {
    if (queue.queueId === queueId) continue;
    const edge = overflowEdges(queue).find((candidate) => candidate.queueId === queueId);
    if (edge !== undefined) referrers.push({ queueId: queue.queueId, field: edge.field });
  }
  return referrers;
}

export interface OverflowCycle {
  /** The queues round the cycle, starting and ending with the queue being defined. */
  path: string[];
  /** Where the queue being defined starts the cycle, e.g. "expansion[1].action.queueId". */
  field: string;
}

/**
 * Whether defining `queue` (replacing any queue of the same id in `queues`) closes a cycle of 'queue' overflows.
 * The other queues are acyclic already, so a new cycle passes through `queue`: it is enough to look for a way back.
 */
export function findOverflowCycle(queue: QueueConfig, queues: Record<string, QueueConfig>): OverflowCycle | undefined {
  const start = queue.queueId;
  const targetsOf = (queueId: string): string[] =>
    overflowEdges(queueId === start ? queue : queues[queueId]).map((edge) => edge.queueId);
  const explored = new Set<string>();

  const pathBack = (from: string): string[] | undefined => {
    if (from === start) return [start];
    if (explored.has(from) || queues[from] === undefined) return undefined;
    explored.add(from);
    for (const next of targetsOf(from)) {
      const rest = pathBack(next);
      if (rest !== undefined) return [from, ...rest];
    }
    return undefined;
  };

  for (const edge of overflowEdges(queue)) {
    const rest = pathBack(edge.queueId);
    if (rest !== undefined) return { path: [start, ...rest], field: edge.field };
  }
  return undefined;
}

export function describeCycle(cycle: OverflowCycle): string {
  return cycle.path.join(' -> ');
}
