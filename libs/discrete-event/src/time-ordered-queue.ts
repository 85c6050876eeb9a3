export interface Scheduled<T> {
  at: number;
  item: T;
}

interface Entry<T> extends Scheduled<T> {
  order: number;
}

/**
 * Items due at given times, earliest first and, at equal times, first scheduled first: a binary min-heap. The
 * routing engine keeps its deadlines in one, the simulator and the benchmark their event calendars, and the
 * tie-break on scheduling order is what makes their runs repeatable.
 */
export class TimeOrderedQueue<T> {
  private heap: Array<Entry<T>> = [];
  private scheduled = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(at: number, item: T): void {
    if (!Number.isFinite(at)) throw new Error(`cannot schedule at ${at}`);
    const entry: Entry<T> = { at, item, order: this.scheduled++ };
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

  /** The earliest item, left in place. */
  peek(): Scheduled<T> | undefined {
    const top = this.heap[0];
    return top === undefined ? undefined : { at: top.at, item: top.item };
  }

  peekTime(): number | undefined {
    return this.heap[0]?.at;
  }

  pop(): Scheduled<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as Entry<T>;
    if (heap.length > 0) {
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
    return { at: top.at, item: top.item };
  }

  /** Removes and returns the earliest item if it is due at `now`. */
  popDue(now: number): Scheduled<T> | undefined {
    const top = this.heap[0];
    return top === undefined || top.at > now ? undefined : this.pop();
  }

  clear(): void {
    this.heap = [];
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
