import { crc32 } from './crc32';

/**
 * A frame is the unit written to the write-ahead log: `[magic u8][length u32][crc32 u32][payload]`, the CRC covering
 * the payload. A frame is written with one write call and is only trusted when its CRC matches, so it is applied
 * entirely or not at all.
 */
export const FRAME_MAGIC = 0xce;
export const FRAME_HEADER_BYTES = 9;
/** Refuse absurd lengths while scanning (a torn header can claim anything). */
export const MAX_FRAME_BYTES = 1 << 30;

/** Fills the header of a frame whose payload was already written at FRAME_HEADER_BYTES. */
export function sealFrame(frame: Buffer): Buffer {
  const payloadLength = frame.length - FRAME_HEADER_BYTES;
  frame.writeUInt8(FRAME_MAGIC, 0);
  frame.writeUInt32BE(payloadLength, 1);
  frame.writeUInt32BE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 5);
  return frame;
}

export interface ScannedFrame {
  /** Position of the frame header in the scanned buffer. */
  position: number;
  payload: Buffer;
}

export interface FrameScan {
  frames: ScannedFrame[];
  /** Bytes of valid frames from the start; anything after is a torn or corrupt tail. */
  validBytes: number;
}

/** Reads consecutive frames from the start of a segment's content and stops at the first invalid one. */
export function scanFrames(content: Buffer): FrameScan {
  const frames: ScannedFrame[] = [];
  let position = 0;
  while (position + FRAME_HEADER_BYTES <= content.length) {
    if (content.readUInt8(position) !== FRAME_MAGIC) break;
    const length = content.readUInt32BE(position + 1);
    const end = position + FRAME_HEADER_BYTES + length;
    if (length > MAX_FRAME_BYTES || end > content.length) break;
    const payload = content.subarray(position + FRAME_HEADER_BYTES, end);
    if (crc32(payload) !== content.readUInt32BE(position + 5)) break;
    frames.push({ position, payload });
    position = end;
  }
  return { frames, validBytes: position };
}
