import * as zlib from 'node:zlib';

/** CRC-32 (IEEE) of a buffer: zlib's native one when the runtime has it (Node >= 20.15), else a table version. */
export const crc32: (data: Buffer) => number = resolveCrc32();

function resolveCrc32(): (data: Buffer) => number {
  const native = (zlib as { crc32?: (data: Buffer) => number }).crc32;
  if (typeof native === 'function') return (data) => native(data) >>> 0;
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return (data) => {
    let crc = 0xffffffff;
    for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  };
}
