/**
 * Offset -> location of every durable record of one partition, in typed arrays (20 bytes per record, no payloads).
 * Offsets of a partition are contiguous: `startOffset` is the log start (first record still on disk) and
 * `endOffset` the next offset to be made visible.
 */
export class PartitionIndex {
  private startOffsetValue = 0;
  private count = 0;
  private head = 0;
  private segments = new Uint32Array(64);
  private positions = new Float64Array(64);
  private lengths = new Uint32Array(64);

  get startOffset(): number {
    return this.startOffsetValue;
  }

  get endOffset(): number {
    return this.startOffsetValue + this.count;
  }

  /** Indexes the record with `offset`, which must be the end offset (or any offset when the index is empty). */
  add(offset: number, segment: number, position: number, length: number): void {
    if (this.count === 0) this.startOffsetValue = offset;
    else if (offset !== this.endOffset)
      throw new Error(`offset ${offset} out of sequence (expected ${this.endOffset})`);
    const slot = this.head + this.count;
    if (slot >= this.segments.length) this.grow();
    const at = this.head + this.count;
    this.segments[at] = segment;
    this.positions[at] = position;
    this.lengths[at] = length;
    this.count++;
  }

  /** Moves the end forward without records (their segments were deleted); used when the index is empty. */
  advanceEmptyTo(endOffset: number): void {
    if (this.count === 0 && endOffset > this.startOffsetValue) this.startOffsetValue = endOffset;
  }

  /** Where the record with `offset` is kept, as a slot for segmentAt/positionAt/lengthAt; -1 when not indexed. */
  slotOf(offset: number): number {
    const i = offset - this.startOffsetValue;
    return i < 0 || i >= this.count ? -1 : this.head + i;
  }

  segmentAt(slot: number): number {
    return this.segments[slot];
  }

  positionAt(slot: number): number {
    return this.positions[slot];
  }

  lengthAt(slot: number): number {
    return this.lengths[slot];
  }

  locate(offset: number): { segment: number; position: number; length: number } | undefined {
    const i = offset - this.startOffsetValue;
    if (i < 0 || i >= this.count) return undefined;
    const at = this.head + i;
    return { segment: this.segments[at], position: this.positions[at], length: this.lengths[at] };
  }

  /** Forgets every record stored in a segment numbered below `segment` (they were deleted by retention). */
  dropBeforeSegment(segment: number): void {
    while (this.count > 0 && this.segments[this.head] < segment) {
      this.head++;
      this.count--;
      this.startOffsetValue++;
    }
    if (this.head > 1024 && this.head > this.count) this.compact(this.segments.length);
  }

  private grow(): void {
    const capacity = this.count * 2 > this.segments.length ? this.segments.length * 2 : this.segments.length;
    this.compact(capacity);
  }

  private compact(capacity: number): void {
    const from = this.head;
    const to = this.head + this.count;
    const segments = new Uint32Array(capacity);
    const positions = new Float64Array(capacity);
    const lengths = new Uint32Array(capacity);
    segments.set(this.segments.subarray(from, to));
    positions.set(this.positions.subarray(from, to));
    lengths.set(this.lengths.subarray(from, to));
    this.segments = segments;
    this.positions = positions;
    this.lengths = lengths;
    this.head = 0;
  }
}
