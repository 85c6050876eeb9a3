import { type EpochMs } from '../config/routing-config';

export interface PriorityInputs {
  queuePriority: number;
  agingPointsPerMinute: number;
  vipPriorityBoost: number;
  priorityBoost?: number;
  vip?: boolean;
  enqueuedAt: EpochMs;
}

/**
 * Effective priority: the queue's base, the interaction's own boost and VIP boost, plus aging, so an interaction
 * of a low-priority queue still rises above newer ones of a high-priority queue after waiting long enough.
 */
export function effectivePriority(inputs: PriorityInputs, now: EpochMs): number {
  const waitedMinutes = Math.max(0, now - inputs.enqueuedAt) / 60_000;
  return (
    inputs.queuePriority +
    (inputs.priorityBoost ?? 0) +
    (inputs.vip === true ? inputs.vipPriorityBoost : 0) +
    inputs.agingPointsPerMinute * waitedMinutes
  );
}
