/**
 * Writes Kafka's primitive types into a buffer sized in advance, so that a whole produce request is written with one
 * allocation and no intermediate copies. Varints follow Kafka (and kafkajs): zigzag, then 7 bits per byte.
 */
export type Int64Like = bigint | number | string | { value: bigint };

const NOT_LAST_7_BITS = 0xffffff80;
/** Up to this length an ASCII string is copied char by char (ids, types, timestamps of CloudEvents headers). */
const SHORT_STRING = 64;

export class WireWriter {
  readonly buffer: Buffer;
  position = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  int8(value: number): void {
    this.buffer[this.position++] = value & 0xff;
  }

  int16(value: number): void {
    this.buffer.writeInt16BE(value, this.position);
    this.position += 2;
  }

  int32(value: number): void {
    this.buffer.writeInt32BE(value, this.position);
    this.position += 4;
  }

  /** Fills in a field written ahead as a placeholder. */
  int32At(offset: number, value: number): void {
    this.buffer.writeInt32BE(value, offset);
  }

  uint32At(offset: number, value: number): void {
    this.buffer.writeUInt32BE(value, offset);
  }

  int64(value: Int64Like): void {
    this.buffer.writeBigInt64BE(BigInt.asIntN(64, toBigInt(value)), this.position);
    this.position += 8;
  }

  /** Zigzag varint of a 32-bit integer. */
  varInt(value: number): void {
    let encoded = zigZag32(value);
    while ((encoded & NOT_LAST_7_BITS) !== 0) {
      this.buffer[this.position++] = (encoded & 0x7f) | 0x80;
      encoded >>>= 7;
    }
    this.buffer[this.position++] = encoded & 0x7f;
  }

  /** Zigzag varint of a 64-bit integer given as a number. */
  varLong(value: number): void {
    if (Number.isNaN(value)) value = 0; // as kafkajs, whose Long turns NaN into zero
    if (Math.abs(value) <= MAX_EXACT_ZIGZAG && Number.isInteger(value)) {
      let encoded = value >= 0 ? value * 2 : -value * 2 - 1;
      while (encoded >= 0x80) {
        this.buffer[this.position++] = (encoded % 0x80) | 0x80;
        encoded = Math.floor(encoded / 0x80);
      }
      this.buffer[this.position++] = encoded;
      return;
    }
    let encoded = zigZag64(value);
    while (encoded >= 0x80n) {
      this.buffer[this.position++] = Number(encoded & 0x7fn) | 0x80;
      encoded >>= 7n;
    }
    this.buffer[this.position++] = Number(encoded);
  }

  bytes(value: Uint8Array): void {
    this.buffer.set(value, this.position);
    this.position += value.length;
  }

  /** A string whose UTF-8 length the caller measured already. */
  utf8(value: string, byteLength: number): void {
    if (byteLength === value.length && byteLength <= SHORT_STRING) {
      // ASCII (one byte per char): copying short strings here beats the native call and its argument checks.
      const buffer = this.buffer;
      const at = this.position;
      for (let i = 0; i < byteLength; i++) buffer[at + i] = value.charCodeAt(i);
    } else {
      this.buffer.write(value, this.position, byteLength, 'utf8');
    }
    this.position += byteLength;
  }
}

/** Beyond this the doubled magnitude is no longer exact in a double. */
const MAX_EXACT_ZIGZAG = 2 ** 51;

function zigZag32(value: number): number {
  return (value << 1) ^ (value >> 31);
}

function zigZag64(value: number): bigint {
  const long = BigInt.asIntN(64, BigInt(value));
  return BigInt.asUintN(64, (long << 1n) ^ (long >> 63n));
}

export function sizeOfVarInt(value: number): number {
  let encoded = zigZag32(value);
  let bytes = 1;
  while ((encoded & NOT_LAST_7_BITS) !== 0) {
    bytes++;
    encoded >>>= 7;
  }
  return bytes;
}

export function sizeOfVarLong(value: number): number {
  if (Number.isNaN(value)) return 1;
  if (Math.abs(value) <= MAX_EXACT_ZIGZAG && Number.isInteger(value)) {
    let encoded = value >= 0 ? value * 2 : -value * 2 - 1;
    let bytes = 1;
    while (encoded >= 0x80) {
      bytes++;
      encoded = Math.floor(encoded / 0x80);
    }
    return bytes;
  }
  let encoded = zigZag64(value);
  let bytes = 1;
  while (encoded >= 0x80n) {
    bytes++;
    encoded >>= 7n;
  }
  return bytes;
}

/** The 64-bit value as kafkajs's Long.fromValue reads it. */
export function toBigInt(value: Int64Like): bigint {
  switch (typeof value) {
    case 'bigint':
      return value;
    case 'number':
      return Number.isNaN(value) ? 0n : BigInt(value);
    case 'string':
      if (value.length === 0) throw new Error('empty string');
      if (value === 'NaN' || value === 'Infinity' || value === '+Infinity' || value === '-Infinity') return 0n;
      return BigInt(value);
    default:
      return BigInt(value.value);
  }
}
