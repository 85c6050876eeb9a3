import type { QueueInput } from './config-commands';
import type { QueueConfig } from './routing-config';

/** The values a queue gets for every field its definition leaves out. */
export const QUEUE_DEFAULTS = {
  channel: 'voice',
  strategy: 'longest-idle',
  priority: 50,
  agingPointsPerMinute: 1,
  vipPriorityBoost: 20,
  serviceLevel: { thresholdMs: 20_000, targetPercent: 80 },
  shortAbandonMs: 5_000,
  wrapUpMs: 15_000,
  ringTimeoutMs: 15_000,
  stickyAgentWaitMs: 0,
  waitPredictor: 'auto',
} as const satisfies Partial<QueueConfig>;

/**
 * A complete queue from a definition: defaults fill what is left out. The result shares no arrays or objects with
 * the input, and has no keys for absent optional fields (language, whenNoAgentLoggedIn, whenEstimatedWaitAbove),
 * so two definitions that mean the same queue compare equal. Unknown input fields are dropped. Values are not
 * validated here (see validateQueue).
 */
export function queueWithDefaults(input: QueueInput): QueueConfig {
  const queue: QueueConfig = {
    queueId: input.queueId,
    branchId: input.branchId,
    name: input.name,
    channel: input.channel ?? QUEUE_DEFAULTS.channel,
    requiredSkills: copyList(input.requiredSkills, (requirement) => ({ ...requirement })),
    agentGroups: copyList(input.agentGroups, (group) => group),
    strategy: input.strategy ?? QUEUE_DEFAULTS.strategy,
    priority: input.priority ?? QUEUE_DEFAULTS.priority,
    agingPointsPerMinute: input.agingPointsPerMinute ?? QUEUE_DEFAULTS.agingPointsPerMinute,
    vipPriorityBoost: input.vipPriorityBoost ?? QUEUE_DEFAULTS.vipPriorityBoost,
    serviceLevel: {
      thresholdMs: input.serviceLevel?.thresholdMs ?? QUEUE_DEFAULTS.serviceLevel.thresholdMs,
      targetPercent: input.serviceLevel?.targetPercent ?? QUEUE_DEFAULTS.serviceLevel.targetPercent,
    },
    shortAbandonMs: input.shortAbandonMs ?? QUEUE_DEFAULTS.shortAbandonMs,
    wrapUpMs: input.wrapUpMs ?? QUEUE_DEFAULTS.wrapUpMs,
    ringTimeoutMs: input.ringTimeoutMs ?? QUEUE_DEFAULTS.ringTimeoutMs,
    stickyAgentWaitMs: input.stickyAgentWaitMs ?? QUEUE_DEFAULTS.stickyAgentWaitMs,
    expansion: copyList(input.expansion, (step) => ({ afterMs: step.afterMs, action: copyObject(step.action) })),
    waitPredictor: input.waitPredictor ?? QUEUE_DEFAULTS.waitPredictor,
  };
  if (input.language !== undefined) queue.language = input.language;
  if (input.whenNoAgentLoggedIn !== undefined) queue.whenNoAgentLoggedIn = copyObject(input.whenNoAgentLoggedIn);
  if (input.whenEstimatedWaitAbove !== undefined) {
    queue.whenEstimatedWaitAbove = {
      thresholdMs: input.whenEstimatedWaitAbove.thresholdMs,
      action: copyObject(input.whenEstimatedWaitAbove.action),
    };
  }
  return queue;
}

/** A list copied item by item; a value that is not a list (bad input) is kept as it is for validation to name. */
function copyList<T>(list: readonly T[] | undefined, copy: (item: T) => T): T[] {
  if (list === undefined) return [];
  return Array.isArray(list) ? list.map(copy) : (list as T[]);
}

/** One level deep is enough for overflow actions: their only nested value is the branchIds list. */
function copyObject<T extends object>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const copy = { ...value };
  for (const [key, item] of Object.entries(copy)) {
    if (Array.isArray(item)) (copy as Record<string, unknown>)[key] = [...(item as unknown[])];
  }
  return copy;
}
