import { type LogRecord } from '../log/event-log';

/** Recent records of one partition, contiguous by offset (evicted from the oldest end). */
export class PartitionCache {
  private records: LogRecord[] = [];
  private head = 0;

  get size(): number {
    return this.records.length - this.head;
  }

  /** Offset of the oldest cached record, or undefined when empty. */
  get firstOffset(): number | undefined {
    return this.size > 0 ? this.records[this.head].offset : undefined;
  }

  /** Adds the next record; refuses (returns false) a record that does not follow the last cached one. */
  push(record: LogRecord): boolean {
    const last = this.size > 0 ? this.records[this.records.length - 1] : undefined;
    if (last && record.offset !== last.offset + 1) return false;
    this.records.push(record);
    return true;
  }

  /** Up to `max` cached records from `offset` (which must be >= firstOffset). */
  slice(offset: number, max: number): LogRecord[] {
    const first = this.firstOffset;
    if (first === undefined || offset < first) return [];
    const from = this.head + (offset - first);
    return this.records.slice(from, Math.min(from + max, this.records.length));
  }

  shift(): void {
    if (this.size === 0) return;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.records.length) {
      this.records = this.records.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * A bounded in-memory cache of the most recently appended records of all partitions, so that consumers reading the
 * tail do not touch the disk. One byte budget for the whole log: the globally oldest cached record is evicted first
 * (it is always the oldest of its partition, since records enter in append order).
 */
export class RecordCache {
  private owners: PartitionCache[] = [];
  private sizes: number[] = [];
  private head = 0;
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  add(cache: PartitionCache, record: LogRecord): void {
    const size = approximateSize(record);
    if (!cache.push(record)) return;
    this.owners.push(cache);
    this.sizes.push(size);
    this.bytes += size;
    while (this.bytes > this.maxBytes && this.head < this.owners.length) this.evictOldest();
  }

  private evictOldest(): void {
    const owner = this.owners[this.head];
    this.bytes -= this.sizes[this.head];
    this.head++;
    owner.shift();
    if (this.head > 4096 && this.head * 2 > this.owners.length) {
      this.owners = this.owners.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }
}

function approximateSize(record: LogRecord): number {
  let size = 128 + record.value.length + (record.key?.length ?? 0) * 2;
  for (const name in record.headers) size += 64 + (name.length + record.headers[name].length) * 2;
  return size;
}
