/**
 * Kafka's default partitioner for keyed records: murmur2 of the key's UTF-8 bytes, made positive, modulo the
 * partition count. Both adapters use it, so a key lands on the same partition number whichever log is underneath
 * (and the same one a Java or librdkafka producer would pick).
 */
export function partitionForKey(key: string, partitions: number): number {
  return toPositive(murmur2(Buffer.from(key, 'utf8'))) % partitions;
}

function toPositive(x: number): number {
  return x & 0x7fffffff;
}

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

export function murmur2(data: Buffer): number {
  const length = data.length;
  let h = SEED ^ length;
  const length4 = Math.floor(length / 4);
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16) + ((data[i4 + 3] & 0xff) << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = length & ~3;
  const rest = length % 4;
  if (rest === 3) h ^= (data[tail + 2] & 0xff) << 16;
  if (rest >= 2) h ^= (data[tail + 1] & 0xff) << 8;
  if (rest >= 1) {
    h ^= data[tail] & 0xff;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}
