import { TimeOrderedQueue } from '@cc/discrete-event';
import { type EpochMs } from '../config/routing-config';

export type TimerKind =
  /** An offer rings until then (agent id). */
  | 'ring'
  /** Wrap-up ends (agent id). */
  | 'wrap-up'
  /** A claim for a remote interaction lapses if undecided (agent id). */
  | 'claim'
  /** The next bullseye step of an interaction (interaction id). */
  | 'expansion'
  /** Sticky routing stops waiting for the preferred agent (interaction id). */
  | 'preference';

export interface Timer {
  at: EpochMs;
  kind: TimerKind;
  /** Agent or interaction id. */
  id: string;
}

/**
 * Deadlines of a domain. Entries are never removed when a deadline is cancelled: whoever takes one out checks it
 * against the state, which is cheaper than finding it in the heap, and replays schedule the same entries.
 */
export type TimerQueue = TimeOrderedQueue<Omit<Timer, 'at'>>;

export function newTimerQueue(): TimerQueue {
  return new TimeOrderedQueue();
}

export function scheduleTimer(timers: TimerQueue, { at, kind, id }: Timer): void {
  timers.schedule(at, { kind, id });
}
