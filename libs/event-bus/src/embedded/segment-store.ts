import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { scanFrames, type ScannedFrame } from './frame';

const writev = promisify(fs.writev);
const fdatasync = promisify(fs.fdatasync);

const SEGMENT_SUFFIX = '.seg';

export interface FrameLocation {
  segment: number;
  position: number;
}

interface Segment {
  seq: number;
  file: string;
  fd: number;
  size: number;
}

/**
 * The write-ahead log's files: numbered segment files (`00000000000000000000.seg`, ...) under the data folder.
 * Frames are appended to the last (active) segment at explicit positions; a new segment is started when the active one
 * would grow past `segmentBytes`. Older segments stay open for positional reads and are deleted as a whole.
 */
export class SegmentStore {
  private readonly segments: Segment[] = [];

  constructor(
    private readonly dir: string,
    private readonly segmentBytes: number,
    private readonly fsync: boolean,
  ) {}

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
      this.segments.push({ seq: seqs[i], file, fd, size: scan.validBytes });
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
    if (active.size > 0 && active.size + total > this.segmentBytes) {
      if (this.fsync) await fdatasync(active.fd);
      active = this.createSegment(active.seq + 1);
    }
    const start = active.size;
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
    return locations;
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

  close(): void {
    for (const s of this.segments.splice(0)) fs.closeSync(s.fd);
  }

  private active(): Segment {
    const s = this.segments[this.segments.length - 1];
    if (!s) throw new Error('event log segments are closed');
    return s;
  }

  private createSegment(seq: number): Segment {
    const file = this.fileOf(seq);
    const fd = fs.openSync(file, 'w+');
    if (this.fsync) syncDirectory(this.dir);
    const segment = { seq, file, fd, size: 0 };
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
