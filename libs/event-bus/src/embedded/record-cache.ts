/**
 * A bounded in-memory cache of the most recently appended records of all partitions, so that consumers reading the
 * tail do not touch the disk. It keeps the records as they are on disk: the frames that carried them, in log order,
 * so that caching costs no object per record (a cache of decoded records kept hundreds of thousands of small objects
 * alive, which every young-generation GC had to copy and promote while producing). A reader decodes what it takes,
 * as it would after a disk read. One byte budget for the whole log; the oldest frame is evicted first.
 *
 * Frames are added in log order, and only frames that carry records are added, so the cached frames are a suffix of
 * the log's record frames: a record is cached exactly when its location is not before the oldest cached frame.
 */
export class RecordCache {
  private segments: number[] = [];
  private starts: number[] = [];
  private frames: Buffer[] = [];
  private head = 0;
  private bytes = 0;
  /** Index of the frame found last: readers mostly ask for the same frame or the next one. */
  private hint = 0;

  constructor(private readonly maxBytes: number) {}

  /** Caches a durable frame that starts at `position` of `segment` (after every frame added before it). */
  add(segment: number, position: number, frame: Buffer): void {
    this.segments.push(segment);
    this.starts.push(position);
    this.frames.push(frame);
    this.bytes += frame.length;
    // The newest frame stays even when it alone is over the budget (it goes with the next one).
    while (this.bytes > this.maxBytes && this.frames.length - this.head > 1) this.evictOldest();
  }

  /** The `length` bytes at `position` of `segment`, as a view into a cached frame, or undefined when not cached. */
  view(segment: number, position: number, length: number): Buffer | undefined {
    const i = this.find(segment, position);
    if (i < 0) return undefined;
    const from = position - this.starts[i];
    const frame = this.frames[i];
    if (from + length > frame.length) return undefined;
    return frame.subarray(from, from + length);
  }

  /** True when the record at `position` of `segment` is (or would be, if ever written) in the cache. */
  holds(segment: number, position: number): boolean {
    if (this.head >= this.frames.length) return false;
    const oldest = this.segments[this.head];
    return segment > oldest || (segment === oldest && position >= this.starts[this.head]);
  }

  /** Drops the frames of segments numbered below `segment` (deleted by retention). */
  dropBeforeSegment(segment: number): void {
    while (this.head < this.frames.length && this.segments[this.head] < segment) this.evictOldest();
  }

  private find(segment: number, position: number): number {
    if (!this.holds(segment, position)) return -1;
    const hint = this.hint;
    if (hint >= this.head && this.contains(hint, segment, position)) return hint;
    if (hint + 1 < this.frames.length && hint + 1 >= this.head && this.contains(hint + 1, segment, position)) {
      return (this.hint = hint + 1);
    }
    // The last frame that starts at or before the location.
    let lo = this.head;
    let hi = this.frames.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      const s = this.segments[mid];
      if (s < segment || (s === segment && this.starts[mid] <= position)) lo = mid;
      else hi = mid - 1;
    }
    if (!this.contains(lo, segment, position)) return -1;
    return (this.hint = lo);
  }

  private contains(i: number, segment: number, position: number): boolean {
    const start = this.starts[i];
    return this.segments[i] === segment && position >= start && position < start + this.frames[i].length;
  }

  private evictOldest(): void {
    this.bytes -= this.frames[this.head].length;
    this.frames[this.head] = EMPTY;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.segments = this.segments.slice(this.head);
      this.starts = this.starts.slice(this.head);
      this.frames = this.frames.slice(this.head);
      this.hint = Math.max(0, this.hint - this.head);
      this.head = 0;
    }
  }
}

const EMPTY = Buffer.alloc(0);
