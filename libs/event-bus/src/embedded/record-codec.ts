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
  const sizes = entries.map(entrySize);
  let total = FRAME_HEADER_BYTES + 4;
  for (const size of sizes) total += 4 + size;
  const frame = Buffer.allocUnsafe(total);
  let pos = FRAME_HEADER_BYTES;
  frame.writeUInt32BE(entries.length, pos);
  pos += 4;
  const recordSpans: EntrySpan[] = [];
  for (let i = 0; i < entries.length; i++) {
    frame.writeUInt32BE(sizes[i], pos);
    pos += 4;
    const entry = entries[i];
    if (entry.type === 'record') recordSpans.push({ start: pos, length: sizes[i] });
    const end = writeEntry(frame, pos, entry);
    if (end !== pos + sizes[i]) throw new Error(`entry size mismatch (${entry.type})`);
    pos = end;
  }
  return { frame: sealFrame(frame), recordSpans };
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

function entrySize(entry: LogEntry): number {
  switch (entry.type) {
    case 'topic-created':
      return 1 + 4 + Buffer.byteLength(JSON.stringify(entry.spec));
    case 'record': {
      const r = entry.record;
      let size = 1 + 2 + Buffer.byteLength(r.topic) + 4 + 8 + 8 + 4 + (r.key === null ? 0 : Buffer.byteLength(r.key)) + 2;
      for (const name in r.headers) size += 2 + Buffer.byteLength(name) + 4 + Buffer.byteLength(r.headers[name]);
      return size + 4 + r.value.length;
    }
    case 'offsets-committed':
      return 1 + 2 + Buffer.byteLength(entry.groupId) + 2 + Buffer.byteLength(entry.topic) + 4 + 8;
    case 'producer-epoch':
      return 1 + 2 + Buffer.byteLength(entry.transactionalId) + 4;
    case 'partition-end':
      return 1 + 2 + Buffer.byteLength(entry.topic) + 4 + 8;
    default:
      return assertNever(entry);
  }
}

function writeEntry(buf: Buffer, start: number, entry: LogEntry): number {
  const w = new Writer(buf, start);
  switch (entry.type) {
    case 'topic-created':
      w.u8(TOPIC_CREATED).string32(JSON.stringify(entry.spec));
      break;
    case 'record': {
      const r = entry.record;
      w.u8(RECORD).string16(r.topic).u32(r.partition).f64(r.offset).f64(r.timestamp);
      if (r.key === null) w.i32(-1);
      else w.string32(r.key);
      const names = Object.keys(r.headers);
      w.u16(names.length);
      for (const name of names) w.string16(name).string32(r.headers[name]);
      w.u32(r.value.length).bytes(r.value);
      break;
    }
    case 'offsets-committed':
      w.u8(OFFSETS_COMMITTED).string16(entry.groupId).string16(entry.topic).u32(entry.partition).f64(entry.offset);
      break;
    case 'producer-epoch':
      w.u8(PRODUCER_EPOCH).string16(entry.transactionalId).u32(entry.epoch);
      break;
    case 'partition-end':
      w.u8(PARTITION_END).string16(entry.topic).u32(entry.partition).f64(entry.endOffset);
      break;
    default:
      assertNever(entry);
  }
  return w.pos;
}

function assertNever(value: never): never {
  throw new Error(`unexpected log entry ${JSON.stringify(value)}`);
}

class Writer {
  constructor(
    private readonly buf: Buffer,
    public pos: number,
  ) {}
  u8(v: number): this {
    this.pos = this.buf.writeUInt8(v, this.pos);
    return this;
  }
  u16(v: number): this {
    this.pos = this.buf.writeUInt16BE(v, this.pos);
    return this;
  }
  u32(v: number): this {
    this.pos = this.buf.writeUInt32BE(v, this.pos);
    return this;
  }
  i32(v: number): this {
    this.pos = this.buf.writeInt32BE(v, this.pos);
    return this;
  }
  f64(v: number): this {
    this.pos = this.buf.writeDoubleBE(v, this.pos);
    return this;
  }
  bytes(v: Buffer): this {
    this.pos += v.copy(this.buf, this.pos);
    return this;
  }
  string16(v: string): this {
    const length = Buffer.byteLength(v);
    if (length > 0xffff) throw new RangeError(`string too long for the log (${length} bytes)`);
    this.u16(length);
    this.pos += this.buf.write(v, this.pos, 'utf8');
    return this;
  }
  string32(v: string): this {
    this.u32(Buffer.byteLength(v));
    this.pos += this.buf.write(v, this.pos, 'utf8');
    return this;
  }
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
    return this.bytes(length).toString('utf8');
  }
  string16(): string {
    return this.utf8(this.u16());
  }
  string32(): string {
    return this.utf8(this.u32());
  }
}
