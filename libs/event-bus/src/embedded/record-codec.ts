import { type Headers, type LogRecord, type TopicSpec } from '../log/event-log';
import { FRAME_HEADER_BYTES, sealFrame } from './frame';

/**
 * Entries carried by a frame's payload: `[count u32]` then, per entry, `[length u32][type u8][fields]`.
 * Strings are UTF-8 with a length prefix, numbers big-endian; offsets and timestamps are float64 (exact up to 2^53).
 */
export type LogEntry =
  | { type: 'topic-created'; spec: TopicSpec }
  | { type: 'record'; record: LogRecord }
  | { type: 'offsets-committed'; groupId: string; topic: string; partition: number; offset: number }
  | { type: 'producer-epoch'; transactionalId: string; epoch: number }
  /** Next offset of a partition, written in checkpoints so that offsets survive deletion of old segments. */
  | { type: 'partition-end'; topic: string; partition: number; endOffset: number };

const TOPIC_CREATED = 1;
const RECORD = 2;
const OFFSETS_COMMITTED = 3;
const PRODUCER_EPOCH = 4;
const PARTITION_END = 5;

/** Where a record entry sits inside its frame (from the frame's first byte). */
export interface EntrySpan {
  start: number;
  length: number;
}

export interface EncodedFrame {
  frame: Buffer;
  /** Spans of the record entries, in the order of the records in `entries`. */
  recordSpans: EntrySpan[];
}

export function encodeFrame(entries: LogEntry[]): EncodedFrame {
  const encoder = FrameEncoder.shared();
  encoder.begin();
  const recordSpans: EntrySpan[] = [];
  try {
    for (const entry of entries) {
      const start = encoder.entry(entry);
      if (entry.type === 'record') recordSpans.push({ start, length: encoder.lastEntryLength });
    }
    return { frame: encoder.finish(), recordSpans };
  } finally {
    encoder.abandon();
  }
}

/** Bytes the scratch buffer starts with; it grows for larger frames and is let go of after a very large one. */
const INITIAL_SCRATCH_BYTES = 1 << 20;
const KEPT_SCRATCH_BYTES = 16 << 20;

/**
 * Encodes the entries of one frame into a reusable scratch buffer and hands out an exact-size, sealed copy. Strings are
 * written in one pass (their UTF-8 length is back-filled), so nothing is measured twice; ASCII, the common case of
 * topics, keys and CloudEvents headers, is copied by a plain loop, which costs less than a call into the runtime per
 * string. The bytes are those of {@link decodeEntry}'s format: this is an encoder, not a new format.
 */
export class FrameEncoder {
  private static instance: FrameEncoder | undefined;
  private buf = Buffer.allocUnsafe(INITIAL_SCRATCH_BYTES);
  private pos = 0;
  private count = 0;
  private entryStart = 0;
  private entryLength = 0;
  private busy = false;

  /** The encoder of this thread (encoding is synchronous, so one scratch buffer serves every log). */
  static shared(): FrameEncoder {
    const shared = (FrameEncoder.instance ??= new FrameEncoder());
    return shared.busy ? new FrameEncoder() : shared;
  }

  /** Starts a frame. */
  begin(): void {
    this.busy = true;
    this.pos = FRAME_HEADER_BYTES + 4;
    this.count = 0;
  }

  /** Length of the entry written last (as stored in its length prefix). */
  get lastEntryLength(): number {
    return this.entryLength;
  }

  /** Appends an entry; returns where it starts in the frame (after its length prefix). */
  entry(entry: LogEntry): number {
    switch (entry.type) {
      case 'record': {
        const r = entry.record;
        return this.record(r.topic, r.partition, r.offset, r.timestamp, r.key, r.value, r.headers);
      }
      case 'topic-created':
        this.openEntry(TOPIC_CREATED);
        this.string32(JSON.stringify(entry.spec));
        break;
      case 'offsets-committed':
        this.openEntry(OFFSETS_COMMITTED);
        this.string16(entry.groupId);
        this.string16(entry.topic);
        this.u32(entry.partition);
        this.f64(entry.offset);
        break;
      case 'producer-epoch':
        this.openEntry(PRODUCER_EPOCH);
        this.string16(entry.transactionalId);
        this.u32(entry.epoch);
        break;
      case 'partition-end':
        this.openEntry(PARTITION_END);
        this.string16(entry.topic);
        this.u32(entry.partition);
        this.f64(entry.endOffset);
        break;
      default:
        assertNever(entry);
    }
    return this.closeEntry();
  }

  /** Appends a record entry from its fields (no LogRecord needed); returns where it starts in the frame. */
  record(
    topic: string,
    partition: number,
    offset: number,
    timestamp: number,
    key: string | null,
    value: Uint8Array,
    headers: Headers | undefined,
  ): number {
    this.openEntry(RECORD);
    this.string16(topic);
    this.ensure(4 + 8 + 8);
    this.u32(partition);
    this.f64(offset);
    this.f64(timestamp);
    if (key === null) this.i32(-1);
    else this.string32(key);
    this.ensure(2);
    const countAt = this.pos;
    this.pos += 2;
    let headerCount = 0;
    if (headers) {
      for (const name of Object.keys(headers)) {
        this.string16(name);
        this.string32(headers[name]);
        headerCount++;
      }
    }
    if (headerCount > 0xffff) throw new RangeError(`too many headers for the log (${headerCount})`);
    this.buf.writeUInt16BE(headerCount, countAt);
    const bytes = toBytes(value);
    this.ensure(4 + bytes.length);
    this.u32(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this.closeEntry();
  }

  /** The sealed frame (a copy owned by the caller). */
  finish(): Buffer {
    this.buf.writeUInt32BE(this.count, FRAME_HEADER_BYTES);
    const frame = Buffer.allocUnsafe(this.pos);
    this.buf.copy(frame, 0, 0, this.pos);
    return sealFrame(frame);
  }

  /** Ends the frame (after finish, or to drop a failed one). */
  abandon(): void {
    this.busy = false;
    if (this.buf.length > KEPT_SCRATCH_BYTES) this.buf = Buffer.allocUnsafe(INITIAL_SCRATCH_BYTES);
  }

  private openEntry(type: number): void {
    this.ensure(5);
    this.entryStart = this.pos + 4;
    this.buf[this.entryStart] = type;
    this.pos = this.entryStart + 1;
  }

  private closeEntry(): number {
    const start = this.entryStart;
    this.entryLength = this.pos - start;
    this.buf.writeUInt32BE(this.entryLength, start - 4);
    this.count++;
    return start;
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(larger, 0, 0, this.pos);
    this.buf = larger;
  }

  private u32(v: number): void {
    this.pos = this.buf.writeUInt32BE(v, this.pos);
  }

  private i32(v: number): void {
    this.pos = this.buf.writeInt32BE(v, this.pos);
  }

  private f64(v: number): void {
    this.pos = this.buf.writeDoubleBE(v, this.pos);
  }

  private string16(v: string): void {
    this.ensure(2 + v.length * 3);
    const length = writeUtf8(this.buf, this.pos + 2, v);
    if (length > 0xffff) throw new RangeError(`string too long for the log (${length} bytes)`);
    this.buf.writeUInt16BE(length, this.pos);
    this.pos += 2 + length;
  }

  private string32(v: string): void {
    this.ensure(4 + v.length * 3);
    const length = writeUtf8(this.buf, this.pos + 4, v);
    this.buf.writeUInt32BE(length, this.pos);
    this.pos += 4 + length;
  }
}

/**
 * Writes `s` as UTF-8 at `pos` (the caller made room for 3 bytes per UTF-16 unit) and returns the byte count. ASCII
 * is copied here; the first other character hands the whole string to the runtime's encoder.
 */
function writeUtf8(buf: Buffer, pos: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return buf.write(s, pos, 'utf8');
    buf[pos + i] = c;
  }
  return n;
}

/** The bytes of a record value; values that are not bytes are converted as Buffer.from would. */
function toBytes(value: unknown): Uint8Array {
  return value instanceof Uint8Array ? value : Buffer.from(value as string);
}

/** Calls `visit` for each entry of a payload with the entry's bytes (a view into the payload) and its offset. */
export function forEachEntry(payload: Buffer, visit: (entry: Buffer, start: number) => void): void {
  const count = payload.readUInt32BE(0);
  let pos = 4;
  for (let i = 0; i < count; i++) {
    const length = payload.readUInt32BE(pos);
    pos += 4;
    visit(payload.subarray(pos, pos + length), pos);
    pos += length;
  }
}

export function isRecordEntry(entry: Buffer): boolean {
  return entry[0] === RECORD;
}

/** The fields of a record entry needed to index it, without decoding key, headers and value. */
export interface RecordHeader {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
}

export function peekRecord(entry: Buffer): RecordHeader {
  const topicLength = entry.readUInt16BE(1);
  const topic = entry.toString('utf8', 3, 3 + topicLength);
  const pos = 3 + topicLength;
  const partition = entry.readUInt32BE(pos);
  const offset = entry.readDoubleBE(pos + 4);
  const timestamp = entry.readDoubleBE(pos + 12);
  return { topic, partition, offset, timestamp };
}

export function decodeEntry(entry: Buffer): LogEntry {
  const reader = new Reader(entry, 1);
  switch (entry[0]) {
    case TOPIC_CREATED:
      return { type: 'topic-created', spec: JSON.parse(reader.string32()) as TopicSpec };
    case RECORD:
      return { type: 'record', record: decodeRecordFields(reader) };
    case OFFSETS_COMMITTED:
      return {
        type: 'offsets-committed',
        groupId: reader.string16(),
        topic: reader.string16(),
        partition: reader.u32(),
        offset: reader.f64(),
      };
    case PRODUCER_EPOCH:
      return { type: 'producer-epoch', transactionalId: reader.string16(), epoch: reader.u32() };
    case PARTITION_END:
      return { type: 'partition-end', topic: reader.string16(), partition: reader.u32(), endOffset: reader.f64() };
    default:
      throw new Error(`unknown log entry type ${entry[0]}`);
  }
}

/** Decodes a record entry; key, headers and value are copied out of `entry`. */
export function decodeRecord(entry: Buffer): LogRecord {
  if (entry[0] !== RECORD) throw new Error(`not a record entry (type ${entry[0]})`);
  return decodeRecordFields(new Reader(entry, 1));
}

function decodeRecordFields(reader: Reader): LogRecord {
  const topic = reader.string16();
  const partition = reader.u32();
  const offset = reader.f64();
  const timestamp = reader.f64();
  const keyLength = reader.i32();
  const key = keyLength < 0 ? null : reader.utf8(keyLength);
  const headerCount = reader.u16();
  const headers: Headers = {};
  for (let i = 0; i < headerCount; i++) {
    const name = reader.string16();
    headers[name] = reader.string32();
  }
  const value = Buffer.from(reader.bytes(reader.u32()));
  return { topic, partition, offset, key, value, headers, timestamp };
}

function assertNever(value: never): never {
  throw new Error(`unexpected log entry ${JSON.stringify(value)}`);
}

class Reader {
  constructor(
    private readonly buf: Buffer,
    private pos: number,
  ) {}
  u16(): number {
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  i32(): number {
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  f64(): number {
    const v = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return v;
  }
  bytes(length: number): Buffer {
    const v = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return v;
  }
  utf8(length: number): string {
    const start = this.pos;
    this.pos += length;
    if (this.pos > this.buf.length) throw new RangeError('log entry is truncated');
    return this.buf.toString('utf8', start, this.pos);
  }
  string16(): string {
    return this.utf8(this.u16());
  }
  string32(): string {
    return this.utf8(this.u32());
  }
}
