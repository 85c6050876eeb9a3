import { type EpochMs } from '../config/routing-config';

export const OCCUPANCY_WINDOW_MS = 60 * 60 * 1000;

export interface WorkHistory {
  state: string;
  since: EpochMs;
  loggedInAt: EpochMs;
  /** Finished busy and wrap-up periods, oldest first. */
  workPeriods: ReadonlyArray<{ from: EpochMs; to: EpochMs }>;
}

/**
 * Share of the last hour (or of the time since login, if shorter) the agent spent busy or in wrap-up: the fatigue
 * measure of the least-occupied strategy. 0 for an agent who just logged in.
 */
export function occupancyOf(agent: WorkHistory, now: EpochMs): number {
  const windowStart = Math.max(now - OCCUPANCY_WINDOW_MS, agent.loggedInAt);
  const span = now - windowStart;
  if (span <= 0) return 0;
  let worked = 0;
  for (const period of agent.workPeriods) {
    const from = Math.max(period.from, windowStart);
    if (period.to > from) worked += period.to - from;
  }
  if (agent.state === 'Busy' || agent.state === 'WrapUp') worked += now - Math.max(agent.since, windowStart);
  return Math.min(1, worked / span);
}

/** Drops periods that ended before the window, so the history stays short. */
export function pruneWorkPeriods(periods: Array<{ from: EpochMs; to: EpochMs }>, now: EpochMs): void {
  let drop = 0;
  while (drop < periods.length && periods[drop].to <= now - OCCUPANCY_WINDOW_MS) drop++;
  if (drop > 0) periods.splice(0, drop);
}
