import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { scanFrames, type ScannedFrame } from './frame';

const writev = promisify(fs.writev);
const write = promisify(fs.write);
const fdatasync = promisify(fs.fdatasync);
const ftruncate = promisify(fs.ftruncate);

const SEGMENT_SUFFIX = '.seg';

export interface FrameLocation {
  segment: number;
  position: number;
}

interface Segment {
  seq: number;
  file: string;
  fd: number;
  /** Bytes of frames. */
  size: number;
  /** Bytes the file has (frames, then zeros written ahead of them); at least `size`. */
  allocated: number;
}

/** The smallest preallocation chunk, and the least room left before zeros when there are none ahead. */
const PREALLOCATION_GAP = 1024 * 1024;
/** Zeros written per write call while preallocating. */
const ZEROS = Buffer.alloc(1024 * 1024);

/**
 * The write-ahead log's files: numbered segment files (`00000000000000000000.seg`, ...) under the data folder.
 * Frames are appended to the last (active) segment at explicit positions; a new segment is started when the active one
 * would grow past `segmentBytes`. Older segments stay open for positional reads and are deleted as a whole.
 *
 * Preallocation: the active segment is extended with zeros (written and synced in the background) ahead of its last
 * frame, so that appends overwrite blocks the file already has and the fdatasync that acknowledges them flushes data
 * only. An append that grows the file makes fdatasync commit the file-system journal too, which waits behind every
 * other writer of the disk: that wait was most of an acknowledgement's time on a busy machine. The zeros are not
 * part of the format: a scan stops at them as at a torn tail (the last segment's is cut off on open, as before), and a
 * segment is cut to its frames, durably, before the next one is created, so that only the last segment can end in
 * zeros.
 */
export class SegmentStore {
  private readonly segments: Segment[] = [];
  private filling: Promise<void> | undefined;
  /** Where the zeros being written start (appends that would reach it wait for them). */
  private fillFrom = 0;
  private preallocateBytes: number;

  /** `preallocateBytes`: zeros kept ahead of the active segment's end (0: none; capped at `segmentBytes`). */
  constructor(
    private readonly dir: string,
    private readonly segmentBytes: number,
    private readonly fsync: boolean,
    preallocateBytes = 0,
  ) {
    this.preallocateBytes = Math.max(0, preallocateBytes);
  }

  /**
   * Opens every segment in order and hands its valid frames to `visit`. A torn or corrupt tail of the LAST segment is
   * truncated (the write that produced it was never acknowledged); corruption in an earlier segment is an error.
   */
  open(visit: (frame: ScannedFrame, segment: number) => void): { truncatedBytes: number } {
    const seqs = fs
      .readdirSync(this.dir)
      .filter((name) => /^\d{20}\.seg$/.test(name))
      .map((name) => Number(name.slice(0, 20)))
      .sort((a, b) => a - b);
    let truncatedBytes = 0;
    for (let i = 0; i < seqs.length; i++) {
      const file = this.fileOf(seqs[i]);
      const content = fs.readFileSync(file);
      const scan = scanFrames(content);
      const isLast = i === seqs.length - 1;
      if (scan.validBytes < content.length) {
        if (!isLast) {
          throw new Error(`event log segment ${file} is corrupt at byte ${scan.validBytes} (not the last segment)`);
        }
        truncatedBytes = content.length - scan.validBytes;
        fs.truncateSync(file, scan.validBytes);
      }
      for (const frame of scan.frames) visit(frame, seqs[i]);
      const fd = fs.openSync(file, 'r+');
      this.segments.push({ seq: seqs[i], file, fd, size: scan.validBytes, allocated: scan.validBytes });
    }
    if (this.segments.length === 0) this.createSegment(0);
    return { truncatedBytes };
  }

  get activeSegment(): number {
    return this.active().seq;
  }

  /** Segment numbers, oldest first. */
  segmentNumbers(): number[] {
    return this.segments.map((s) => s.seq);
  }

  /** Appends frames with one write (rolling first if needed); returns where each frame starts. */
  async append(frames: Buffer[]): Promise<FrameLocation[]> {
    let total = 0;
    for (const f of frames) total += f.length;
    let active = this.active();
    if (active.size > 0 && active.size + total > this.segmentBytes) active = await this.roll(active);
    const start = active.size;
    // Never write where zeros are being written.
    if (this.filling && start + total > this.fillFrom) await this.filling;
    const locations: FrameLocation[] = [];
    let position = start;
    for (const f of frames) {
      locations.push({ segment: active.seq, position });
      position += f.length;
    }
    let written = 0;
    while (written < total) {
      const remaining = written === 0 ? frames : sliceBuffers(frames, written);
      written += (await writev(active.fd, remaining, start + written)).bytesWritten;
    }
    active.size += total;
    if (active.allocated < active.size) active.allocated = active.size;
    this.preallocate(active, total);
    return locations;
  }

  /** Starts no more preallocation (before closing). */
  stopPreallocating(): void {
    this.preallocateBytes = 0;
  }

  /** Resolves once no preallocation is in progress (before closing, so that no zeros are written to a closed fd). */
  async settle(): Promise<void> {
    while (this.filling) await this.filling;
  }

  /** Makes the appended data durable (fdatasync of the active segment). */
  async sync(): Promise<void> {
    await fdatasync(this.active().fd);
  }

  /** Reads `length` bytes at `position` of a segment (synchronous: the data is normally in the page cache). */
  read(segment: number, position: number, length: number): Buffer {
    const s = this.segments.find((x) => x.seq === segment);
    if (!s) throw new Error(`event log segment ${segment} was deleted`);
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(s.fd, buf, done, length - done, position + done);
      if (n === 0) throw new Error(`short read in event log segment ${s.file} at ${position}`);
      done += n;
    }
    return buf;
  }

  /** Deletes the given segments (never the active one). */
  delete(segmentsToDelete: number[]): void {
    const active = this.active().seq;
    for (const seq of segmentsToDelete) {
      if (seq === active) continue;
      const i = this.segments.findIndex((s) => s.seq === seq);
      if (i < 0) continue;
      const [s] = this.segments.splice(i, 1);
      fs.closeSync(s.fd);
      fs.rmSync(s.file, { force: true });
    }
  }

  /** Closes the files (call settle() first); the active segment's preallocated zeros are cut off. */
  close(): void {
    for (const s of this.segments.splice(0)) {
      try {
        if (s.allocated > s.size) fs.ftruncateSync(s.fd, s.size);
      } catch {
        // the zeros stay: the next open cuts them off as a torn tail
      }
      fs.closeSync(s.fd);
    }
  }

  private active(): Segment {
    const s = this.segments[this.segments.length - 1];
    if (!s) throw new Error('event log segments are closed');
    return s;
  }

  /** Ends the active segment (cut to its frames, durably) and starts the next one. */
  private async roll(active: Segment): Promise<Segment> {
    await this.filling;
    if (active.allocated > active.size) {
      await ftruncate(active.fd, active.size);
      active.allocated = active.size;
    }
    if (this.fsync) await fdatasync(active.fd);
    return this.createSegment(active.seq + 1);
  }

  /**
   * Starts writing more zeros after the active segment's end when fewer than a chunk are left: a chunk is sixteen
   * appends like the last one, at least 1 MiB and at most `preallocateBytes` (a log that appends little writes few
   * zeros). With no zeros left at all, they start a little further on, so that the next appends need not wait.
   */
  private preallocate(segment: Segment, lastAppend: number): void {
    if (this.preallocateBytes === 0 || this.filling) return;
    const chunk = Math.min(this.preallocateBytes, Math.max(PREALLOCATION_GAP, 16 * lastAppend));
    const ahead = segment.allocated - segment.size;
    if (ahead >= chunk) return;
    const gap = Math.min(Math.max(PREALLOCATION_GAP, 4 * lastAppend), chunk / 2);
    const from = ahead > 0 ? segment.allocated : segment.size + gap;
    const to = Math.min(from + chunk, this.segmentBytes);
    if (to <= from) return;
    this.fillFrom = from;
    const filling = this.zeroFill(segment, from, to)
      .catch(() => {
        this.preallocateBytes = 0; // e.g. a full disk: appends go on without, and fail themselves if they must
      })
      .finally(() => {
        if (this.filling === filling) this.filling = undefined;
      });
    this.filling = filling;
  }

  /**
   * Writes zeros over [from, to), synced a megabyte at a time: an append's fdatasync that comes while the zeros are
   * flushed waits for them, and a short wait for a small piece is better than a long one for the whole.
   */
  private async zeroFill(segment: Segment, from: number, to: number): Promise<void> {
    let position = from;
    while (position < to) {
      const end = Math.min(position + ZEROS.length, to);
      while (position < end) {
        position += (await write(segment.fd, ZEROS, 0, end - position, position)).bytesWritten;
      }
      if (this.fsync) await fdatasync(segment.fd);
    }
    segment.allocated = Math.max(segment.allocated, to);
  }

  private createSegment(seq: number): Segment {
    const file = this.fileOf(seq);
    const fd = fs.openSync(file, 'w+');
    if (this.fsync) syncDirectory(this.dir);
    const segment = { seq, file, fd, size: 0, allocated: 0 };
    this.segments.push(segment);
    return segment;
  }

  private fileOf(seq: number): string {
    return path.join(this.dir, `${String(seq).padStart(20, '0')}${SEGMENT_SUFFIX}`);
  }
}

function sliceBuffers(buffers: Buffer[], skip: number): Buffer[] {
  const out: Buffer[] = [];
  for (const b of buffers) {
    if (skip >= b.length) {
      skip -= b.length;
      continue;
    }
    out.push(skip > 0 ? b.subarray(skip) : b);
    skip = 0;
  }
  return out;
}

/** Makes a file creation durable (the directory entry), where the platform allows it. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported on every platform (e.g. Windows); the data itself is synced per file
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
