import { crc32c } from './crc32c';
import { type Int64Like, sizeOfVarInt, sizeOfVarLong, WireWriter } from './wire-writer';

/**
 * The body of a Produce request, versions 3 to 7 (one wire format: record batches of magic 2), uncompressed,
 * byte for byte as kafkajs 2.2.4 encodes it. kafkajs builds every record and every header in an encoder of its own
 * (a zeroed 512-byte buffer each) and copies them up through five levels; with ten CloudEvents headers per event that
 * was most of the producer's CPU and garbage. Here the request is measured first, then written into one buffer.
 */

export type HeaderValue = Buffer | string;

/** A record as kafkajs hands it to the request (its Message). */
export interface ProduceMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, HeaderValue | HeaderValue[] | undefined> | null;
  timestamp?: string | number | null;
}

export interface ProducePartitionData {
  partition: number;
  /** Sequence number of the first record, for the idempotent producer (0 otherwise). */
  firstSequence?: number;
  messages: ProduceMessage[];
}

export interface ProduceTopicData {
  topic: string;
  partitions: ProducePartitionData[];
}

export interface ProduceRequestData {
  transactionalId?: string | null;
  acks: number;
  timeout: number;
  producerId?: Int64Like;
  producerEpoch?: number;
  topicData: ProduceTopicData[];
}

const MAGIC = 2;
const TRANSACTIONAL = 0x10;
/** Partition, record set size, first offset and batch length, ahead of each batch. */
const PARTITION_PREFIX_BYTES = 4 + 4 + 8 + 4;
/** Leader epoch, magic, CRC; then what the CRC covers: attributes to the record count. */
const BATCH_HEADER_BYTES = 4 + 1 + 4 + (2 + 4 + 8 + 8 + 8 + 2 + 4 + 4);

/** Encodes the request body; `now` stands in for missing record timestamps, as kafkajs's Date.now(). */
export function encodeProduceRequest(request: ProduceRequestData, now: number = Date.now()): Buffer {
  const lengths = new MeasuredLengths();
  const writer = new WireWriter(measureRequest(request, now, lengths));
  writeRequest(request, now, lengths, writer);
  if (writer.position !== writer.buffer.length) {
    throw new Error(`produce request measured ${writer.buffer.length} bytes but wrote ${writer.position}`);
  }
  return writer.buffer;
}

/**
 * UTF-8 lengths of the strings and sizes of the records, in the order the writing pass needs them: each string is
 * measured once. One scratch array serves every request (encoding is synchronous), so measuring allocates nothing.
 */
class MeasuredLengths {
  private static scratch = new Int32Array(16 * 1024);
  private values = MeasuredLengths.scratch;
  private count = 0;
  private next = 0;

  add(value: number): number {
    if (this.count === this.values.length) this.grow();
    this.values[this.count++] = value;
    return value;
  }

  /** A place for a value known only after the values that follow it (a record's size, before its fields). */
  reserve(): number {
    this.add(0);
    return this.count - 1;
  }

  set(slot: number, value: number): number {
    this.values[slot] = value;
    return value;
  }

  take(): number {
    return this.values[this.next++];
  }

  private grow(): void {
    const larger = new Int32Array(this.values.length * 2);
    larger.set(this.values);
    this.values = MeasuredLengths.scratch = larger;
  }
}

interface BatchTimes {
  first: number;
  firstRaw: string | number;
  maxRaw: string | number;
}

/** First and max timestamp as kafkajs picks them: the stamped records' values in default (string) sort order. */
function batchTimes(messages: ProduceMessage[], now: number): BatchTimes {
  let stamped: (string | number)[] | undefined;
  for (const message of messages) {
    if (message.timestamp !== undefined && message.timestamp !== null) (stamped ??= []).push(message.timestamp);
  }
  if (!stamped) return { first: now, firstRaw: now, maxRaw: now };
  stamped.sort();
  return { first: Number(stamped[0]), firstRaw: stamped[0], maxRaw: stamped[stamped.length - 1] };
}

function timestampDelta(message: ProduceMessage, now: number, first: number): number {
  return Number(message.timestamp || now) - first;
}

function measureRequest(request: ProduceRequestData, now: number, lengths: MeasuredLengths): number {
  let size = measureNullableString(request.transactionalId, lengths) + 2 + 4 + 4;
  for (const { topic, partitions } of request.topicData) {
    size += 2 + lengths.add(Buffer.byteLength(topic)) + 4;
    for (const { messages } of partitions) {
      const { first } = batchTimes(messages, now);
      size += PARTITION_PREFIX_BYTES + BATCH_HEADER_BYTES;
      for (let i = 0; i < messages.length; i++) {
        const slot = lengths.reserve();
        const body = lengths.set(slot, measureRecordBody(messages[i], i, timestampDelta(messages[i], now, first), lengths));
        size += sizeOfVarInt(body) + body;
      }
    }
  }
  return size;
}

function measureRecordBody(message: ProduceMessage, offsetDelta: number, delta: number, lengths: MeasuredLengths): number {
  let size = 1 + sizeOfVarLong(delta) + sizeOfVarInt(offsetDelta);
  size += measureBytes(message.key, lengths) + measureBytes(message.value, lengths);
  const headers = message.headers;
  const countSlot = lengths.reserve();
  let count = 0;
  let headerBytes = 0;
  if (headers) {
    for (const name in headers) {
      if (!Object.hasOwn(headers, name)) continue;
      const value = headers[name];
      if (Array.isArray(value)) {
        for (const item of value) headerBytes += measureHeader(name, item, lengths);
        count += value.length;
      } else {
        headerBytes += measureHeader(name, value, lengths);
        count++;
      }
    }
  }
  return size + sizeOfVarInt(lengths.set(countSlot, count)) + headerBytes;
}

function measureHeader(name: string, value: HeaderValue | undefined, lengths: MeasuredLengths): number {
  if (value === undefined || value === null) throw new TypeError(`header ${name} has no value`);
  return encodedHeaderName(name).length + measureBytes(value, lengths);
}

/**
 * Header names, encoded (length and UTF-8 bytes). Every event carries the same few (ce_id, ce_type, ...); past the
 * limit, names are encoded each time rather than cached without bound.
 */
const headerNames = new Map<string, Buffer>();
const MAX_CACHED_HEADER_NAMES = 1024;

function encodedHeaderName(name: string): Buffer {
  let encoded = headerNames.get(name);
  if (encoded === undefined) {
    const length = Buffer.byteLength(name);
    const writer = new WireWriter(sizeOfVarInt(length) + length);
    writer.varInt(length);
    writer.utf8(name, length);
    encoded = writer.buffer;
    if (headerNames.size < MAX_CACHED_HEADER_NAMES) headerNames.set(name, encoded);
  }
  return encoded;
}

function measureBytes(value: Buffer | string | null | undefined, lengths: MeasuredLengths): number {
  if (value === undefined || value === null) return sizeOfVarInt(-1);
  const length = Buffer.isBuffer(value) ? value.length : lengths.add(Buffer.byteLength(String(value)));
  return sizeOfVarInt(length) + length;
}

function measureNullableString(value: string | null | undefined, lengths: MeasuredLengths): number {
  return value === undefined || value === null ? 2 : 2 + lengths.add(Buffer.byteLength(value));
}

function writeRequest(request: ProduceRequestData, now: number, lengths: MeasuredLengths, writer: WireWriter): void {
  const transactionalId = request.transactionalId ?? null;
  if (transactionalId === null) writer.int16(-1);
  else {
    const length = lengths.take();
    writer.int16(length);
    writer.utf8(transactionalId, length);
  }
  writer.int16(request.acks);
  writer.int32(request.timeout);
  writer.int32(request.topicData.length);
  const producerId = request.producerId ?? -1;
  const producerEpoch = request.producerEpoch ?? 0;
  const attributes = transactionalId ? TRANSACTIONAL : 0;
  for (const { topic, partitions } of request.topicData) {
    const topicLength = lengths.take();
    writer.int16(topicLength);
    writer.utf8(topic, topicLength);
    writer.int32(partitions.length);
    for (const { partition, firstSequence, messages } of partitions) {
      const times = batchTimes(messages, now);
      writer.int32(partition);
      const recordSetSizeAt = writer.position;
      writer.int32(0); // record set size, known once the records are written
      writer.int64(0); // first offset: the broker assigns it
      writer.int32(0); // batch length
      const batchStart = writer.position;
      writer.int32(0); // partition leader epoch
      writer.int8(MAGIC);
      const crcAt = writer.position;
      writer.int32(0);
      writer.int16(attributes);
      writer.int32(messages.length - 1); // last offset delta
      writer.int64(times.firstRaw);
      writer.int64(times.maxRaw);
      writer.int64(producerId);
      writer.int16(producerEpoch);
      writer.int32(firstSequence ?? 0);
      writer.int32(messages.length);
      for (let i = 0; i < messages.length; i++) {
        writeRecord(messages[i], i, timestampDelta(messages[i], now, times.first), lengths, writer);
      }
      const batchLength = writer.position - batchStart;
      writer.int32At(recordSetSizeAt, 8 + 4 + batchLength);
      writer.int32At(batchStart - 4, batchLength);
      writer.uint32At(crcAt, crc32c(writer.buffer, crcAt + 4, writer.position));
    }
  }
}

function writeRecord(message: ProduceMessage, offsetDelta: number, delta: number, lengths: MeasuredLengths, writer: WireWriter): void {
  writer.varInt(lengths.take());
  writer.int8(0); // record attributes: none
  writer.varLong(delta);
  writer.varInt(offsetDelta);
  writeBytes(message.key, lengths, writer);
  writeBytes(message.value, lengths, writer);
  writer.varInt(lengths.take()); // header count
  const headers = message.headers;
  if (!headers) return;
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name] as HeaderValue | HeaderValue[];
    if (Array.isArray(value)) {
      for (const item of value) writeHeader(name, item, lengths, writer);
    } else {
      writeHeader(name, value, lengths, writer);
    }
  }
}

function writeHeader(name: string, value: HeaderValue, lengths: MeasuredLengths, writer: WireWriter): void {
  writer.bytes(encodedHeaderName(name));
  writeBytes(value, lengths, writer);
}

function writeBytes(value: Buffer | string | null | undefined, lengths: MeasuredLengths, writer: WireWriter): void {
  if (value === undefined || value === null) {
    writer.varInt(-1);
  } else if (Buffer.isBuffer(value)) {
    writer.varInt(value.length);
    writer.bytes(value);
  } else {
    const length = lengths.take();
    writer.varInt(length);
    writer.utf8(String(value), length);
  }
}
