import { type Headers, type LogRecord, type TopicSpec } from '../log/event-log';
import { FRAME_HEADER_BYTES, sealFrame } from './frame';

/**
 * Entries carried by a frame's payload: `[count u32]` then, per entry, `[length u32][type u8][fields]`.
 * Numbers are big-endian; offsets and timestamps are float64 (exact up to 2^53); strings are UTF-8.
 *
 * Record entries exist in two layouts, told apart by their type byte, and both are read:
 * - RECORD (2), written up to 2026-11: every string inline with its own length prefix,
 *   `[topic s16][partition u32][offset f64][timestamp f64][key s32, -1 = null][header count u16]
 *   ([name s16][value s32])*[value length u32][value]` (s16/s32: u16/u32 byte length, then the bytes);
 * - RECORD_V2 (6), written since: the lengths first and the strings after them in one run, so that a record's
 *   strings are encoded with one call rather than one per string (a CloudEvents record has two dozen),
 *   `[flags u8][partition u32][offset f64][timestamp f64][header count u16][topic length u16][key length i32, -1 = null]
 *   ([name length u16][value length u32])*[topic][key]([name][value])*[value length u32][value]`.
 *   Flag bit 0 says the strings are all ASCII, so a reader can decode them at once and cut them by the lengths.
 * A log written by this version cannot be opened by a version that predates RECORD_V2: that one stops at the unknown
 * entry type with an error, it does not misread the log.
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
const RECORD_V2 = 6;

/** RECORD_V2 flag: every string of the record is ASCII (byte lengths are character lengths). */
const ASCII_STRINGS = 1;
/** RECORD_V2: bytes from the type to the header length table. */
const V2_FIXED_BYTES = 1 + 1 + 4 + 8 + 8 + 2 + 2 + 4;
const V2_TABLE_ENTRY_BYTES = 6;

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
const NO_NAMES: string[] = [];
/** Frames up to this size are cut from slabs of their own (see finish). */
const SMALL_FRAME_BYTES = 32 * 1024;
const SLAB_BYTES = 256 * 1024;

/**
 * Encodes the entries of one frame into a reusable scratch buffer and hands out an exact-size, sealed copy, so that
 * nothing is measured before it is written. Records are written as RECORD_V2: their strings are joined and encoded
 * with one call, whose byte count tells whether they were all ASCII (the lengths written before them are then
 * right; otherwise they are measured and rewritten).
 */
export class FrameEncoder {
  private static instance: FrameEncoder | undefined;
  private buf: Buffer = Buffer.allocUnsafe(INITIAL_SCRATCH_BYTES);
  private view = viewOf(this.buf);
  private pos = 0;
  private count = 0;
  private entryStart = 0;
  private entryLength = 0;
  private busy = false;
  private slab: Buffer = Buffer.alloc(0);
  private slabUsed = 0;

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
    const names = headers ? Object.keys(headers) : NO_NAMES;
    const headerCount = names.length;
    if (headerCount > 0xffff) throw new RangeError(`too many headers for the log (${headerCount})`);
    this.openEntry(RECORD_V2);
    this.ensure(V2_FIXED_BYTES + V2_TABLE_ENTRY_BYTES * headerCount);
    const start = this.entryStart;
    const table = start + V2_FIXED_BYTES;
    let view = this.view;
    view.setUint32(start + 2, partition);
    view.setFloat64(start + 6, offset);
    view.setFloat64(start + 14, timestamp);
    view.setUint16(start + 22, headerCount);
    view.setUint16(start + 24, topic.length);
    view.setInt32(start + 26, key === null ? -1 : key.length);
    let text = key === null ? topic : topic + key;
    for (let i = 0; i < headerCount; i++) {
      const name = names[i];
      const headerValue = (headers as Headers)[name];
      if (typeof headerValue !== 'string') throw new TypeError(`header ${name} of a record is not a string`);
      text = text + name + headerValue;
      view.setUint16(table + i * V2_TABLE_ENTRY_BYTES, name.length);
      view.setUint32(table + i * V2_TABLE_ENTRY_BYTES + 2, headerValue.length);
    }
    const bytes = toBytes(value);
    const strings = table + V2_TABLE_ENTRY_BYTES * headerCount;
    this.pos = strings;
    this.ensure(text.length * 3 + 4 + bytes.length);
    view = this.view;
    const written = this.buf.write(text, strings, 'utf8');
    if (written === text.length) {
      this.buf[start + 1] = ASCII_STRINGS;
      if (topic.length > 0xffff) throw new RangeError(`string too long for the log (${topic.length} bytes)`);
      for (let i = 0; i < headerCount; i++) {
        if (names[i].length > 0xffff) throw new RangeError(`string too long for the log (${names[i].length} bytes)`);
      }
    } else {
      this.buf[start + 1] = 0;
      this.writeByteLengths(start, topic, key, names, headers as Headers);
    }
    let pos = strings + written;
    view.setUint32(pos, bytes.length);
    pos += 4;
    this.buf.set(bytes, pos);
    this.pos = pos + bytes.length;
    return this.closeEntry();
  }

  /**
   * The sealed frame (a copy owned by the caller). Small frames are cut from slabs that hold nothing but frames: the
   * log keeps recent frames in memory, and a frame cut from Node's shared Buffer pool would keep an 8 KiB pool chunk
   * alive, full of whatever else the process allocated there, for each few hundred bytes of frame.
   */
  finish(): Buffer {
    this.view.setUint32(FRAME_HEADER_BYTES, this.count);
    const length = this.pos;
    let frame: Buffer;
    if (length <= SMALL_FRAME_BYTES) {
      if (this.slab.length - this.slabUsed < length) {
        this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
        this.slabUsed = 0;
      }
      frame = this.slab.subarray(this.slabUsed, this.slabUsed + length);
      this.slabUsed += length;
    } else {
      frame = Buffer.allocUnsafeSlow(length);
    }
    this.buf.copy(frame, 0, 0, length);
    return sealFrame(frame);
  }

  /** Ends the frame (after finish, or to drop a failed one). */
  abandon(): void {
    this.busy = false;
    if (this.buf.length > KEPT_SCRATCH_BYTES) this.replace(Buffer.allocUnsafe(INITIAL_SCRATCH_BYTES));
  }

  /** Rewrites a RECORD_V2 length table with UTF-8 byte lengths (the strings were not all ASCII). */
  private writeByteLengths(start: number, topic: string, key: string | null, names: string[], headers: Headers): void {
    const view = this.view;
    view.setUint16(start + 24, byteLength16(topic));
    if (key !== null) view.setInt32(start + 26, Buffer.byteLength(key));
    const table = start + V2_FIXED_BYTES;
    for (let i = 0; i < names.length; i++) {
      view.setUint16(table + i * V2_TABLE_ENTRY_BYTES, byteLength16(names[i]));
      view.setUint32(table + i * V2_TABLE_ENTRY_BYTES + 2, Buffer.byteLength(headers[names[i]]));
    }
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
    this.view.setUint32(start - 4, this.entryLength);
    this.count++;
    return start;
  }

  /** Makes room for `bytes` more bytes at `pos`. */
  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(larger, 0, 0, this.pos);
    this.replace(larger);
  }

  private replace(buf: Buffer): void {
    this.buf = buf;
    this.view = viewOf(buf);
  }

  private u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, v);
    this.pos += 4;
  }

  private f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v);
    this.pos += 8;
  }

  private string16(v: string): void {
    this.ensure(2 + v.length * 3);
    const length = this.buf.write(v, this.pos + 2, 'utf8');
    if (length > 0xffff) throw new RangeError(`string too long for the log (${length} bytes)`);
    this.view.setUint16(this.pos, length);
    this.pos += 2 + length;
  }

  private string32(v: string): void {
    this.ensure(4 + v.length * 3);
    const length = this.buf.write(v, this.pos + 4, 'utf8');
    this.view.setUint32(this.pos, length);
    this.pos += 4 + length;
  }
}

function viewOf(buf: Buffer): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

function byteLength16(v: string): number {
  const length = Buffer.byteLength(v);
  if (length > 0xffff) throw new RangeError(`string too long for the log (${length} bytes)`);
  return length;
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
  return entry[0] === RECORD_V2 || entry[0] === RECORD;
}

/** The fields of a record entry needed to index it, without decoding key, headers and value. */
export interface RecordHeader {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
}

export function peekRecord(entry: Buffer): RecordHeader {
  if (entry[0] === RECORD_V2) {
    const topicStart = V2_FIXED_BYTES + V2_TABLE_ENTRY_BYTES * entry.readUInt16BE(22);
    return {
      topic: entry.toString('utf8', topicStart, topicStart + entry.readUInt16BE(24)),
      partition: entry.readUInt32BE(2),
      offset: entry.readDoubleBE(6),
      timestamp: entry.readDoubleBE(14),
    };
  }
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
    case RECORD_V2:
      return { type: 'record', record: decodeRecord(entry) };
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

/** Decodes a record entry (either layout); key, headers and value are copied out of `entry`. */
export function decodeRecord(entry: Buffer): LogRecord {
  if (entry[0] === RECORD_V2) return decodeRecordV2(entry);
  if (entry[0] !== RECORD) throw new Error(`not a record entry (type ${entry[0]})`);
  return decodeRecordFields(new Reader(entry, 1));
}

function decodeRecordV2(entry: Buffer): LogRecord {
  if (entry.length < V2_FIXED_BYTES) throw new RangeError('log entry is truncated');
  const ascii = (entry[1] & ASCII_STRINGS) !== 0;
  const partition = entry.readUInt32BE(2);
  const offset = entry.readDoubleBE(6);
  const timestamp = entry.readDoubleBE(14);
  const headerCount = entry.readUInt16BE(22);
  const topicLength = entry.readUInt16BE(24);
  const keyLength = entry.readInt32BE(26);
  const strings = V2_FIXED_BYTES + V2_TABLE_ENTRY_BYTES * headerCount;
  let end = strings + topicLength + Math.max(0, keyLength);
  for (let i = 0; i < headerCount; i++) {
    const at = V2_FIXED_BYTES + i * V2_TABLE_ENTRY_BYTES;
    end += entry.readUInt16BE(at) + entry.readUInt32BE(at + 2);
  }
  if (end + 4 > entry.length) throw new RangeError('log entry is truncated');
  // ASCII strings are decoded at once and cut (string offsets are byte offsets); others one by one.
  const text = ascii ? entry.toString('latin1', strings, end) : '';
  let pos = strings;
  const cut = (length: number): string => {
    const from = pos;
    pos += length;
    return ascii ? text.substring(from - strings, pos - strings) : entry.toString('utf8', from, pos);
  };
  const topic = cut(topicLength);
  const key = keyLength < 0 ? null : cut(keyLength);
  const headers: Headers = {};
  for (let i = 0; i < headerCount; i++) {
    const at = V2_FIXED_BYTES + i * V2_TABLE_ENTRY_BYTES;
    const name = cut(entry.readUInt16BE(at));
    headers[name] = cut(entry.readUInt32BE(at + 2));
  }
  const valueLength = entry.readUInt32BE(end);
  if (end + 4 + valueLength > entry.length) throw new RangeError('log entry is truncated');
  const value = Buffer.from(entry.subarray(end + 4, end + 4 + valueLength));
  return { topic, partition, offset, key, value, headers, timestamp };
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
