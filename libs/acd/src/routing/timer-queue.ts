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

interface Entry extends Timer {
  order: number;
}

/**
 * Deadlines of a domain in a binary min-heap. Entries are never removed when a deadline is cancelled: whoever pops
 * one checks it against the state, which is cheaper than finding it in the heap, and replays push the same entries.
 */
export class TimerQueue {
  private heap: Entry[] = [];
  private pushed = 0;

  get size(): number {
    return this.heap.length;
  }

  push(timer: Timer): void {
    const entry: Entry = { ...timer, order: this.pushed++ };
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  peek(): Timer | undefined {
    return this.heap[0];
  }

  /** Removes and returns the earliest timer if it is due at `now`. */
  popDue(now: EpochMs): Timer | undefined {
    const top = this.heap[0];
    if (top === undefined || top.at > now) return undefined;
    const last = this.heap.pop() as Entry;
    if (this.heap.length > 0) {
      const heap = this.heap;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && before(heap[right], heap[left]) ? right : left;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return { at: top.at, kind: top.kind, id: top.id };
  }

  clear(): void {
    this.heap = [];
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
