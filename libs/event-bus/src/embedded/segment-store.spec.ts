import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LogRecord, type OutgoingRecord } from '../log/event-log';
import { EmbeddedEventLog } from './embedded-event-log';
import { scanFrames } from './frame';
import { encodeFrame } from './record-codec';
import { SegmentStore } from './segment-store';

const TOPIC = 'cc.call.lifecycle.v1';

function segmentsOf(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.seg'))
    .sort()
    .map((f) => path.join(dir, f));
}

function frame(i: number): Buffer {
  return encodeFrame([{ type: 'partition-end', topic: `t${i}`.padEnd(200, '.'), partition: 0, endOffset: i }]).frame;
}

/** Copies the data folder as a crash would leave it (whatever was written, without the open log's last steps). */
function crashCopy(dir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'segment-crash-'));
  for (const file of segmentsOf(dir)) fs.copyFileSync(file, path.join(copy, path.basename(file)));
  return copy;
}

async function readAll(log: EmbeddedEventLog, expected: number): Promise<LogRecord[]> {
  const seen: LogRecord[] = [];
  const consumer = log.createConsumer({ groupId: `reader-${Math.random()}`, topics: [TOPIC] });
  let done: () => void = () => undefined;
  const complete = new Promise<void>((resolve) => (done = resolve));
  await consumer.run(async (batch) => {
    seen.push(...batch.records);
    if (seen.length >= expected) done();
  });
  await complete;
  await consumer.stop();
  return seen;
}

describe('SegmentStore preallocation', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segment-store-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes zeros ahead of the frames and cuts them off when a segment ends and on close', async () => {
    const dir = tempDir();
    const store = new SegmentStore(dir, 256 * 1024, true, 64 * 1024);
    store.open(() => undefined);
    const frames: Buffer[] = [];
    for (let i = 0; i < 20; i++) frames.push(frame(i));
    let bytes = 0;
    for (const f of frames) {
      await store.append([f]);
      bytes += f.length;
    }
    await store.settle();
    const [active] = segmentsOf(dir);
    expect(fs.statSync(active).size).toBeGreaterThan(bytes); // zeros ahead
    // fill past the segment size: the first segment is cut to its frames before the next one is created
    const big = Array.from({ length: 1500 }, (_, i) => frame(i));
    for (const f of big) await store.append([f]);
    await store.settle();
    const segments = segmentsOf(dir);
    expect(segments.length).toBeGreaterThan(1);
    const scanned: number[] = [];
    for (const file of segments.slice(0, -1)) {
      const content = fs.readFileSync(file);
      expect(scanFrames(content).validBytes).toBe(content.length); // frames only, no zeros
      scanned.push(content.length);
    }
    expect(Math.max(...scanned)).toBeLessThanOrEqual(256 * 1024);
    store.close();
    const reopened = new SegmentStore(dir, 256 * 1024, true, 64 * 1024);
    const seen: number[] = [];
    expect(reopened.open((f) => seen.push(f.position)).truncatedBytes).toBe(0);
    expect(seen).toHaveLength(frames.length + big.length);
    reopened.close();
  });

  it('opens what a crash left behind: acknowledged records, then zeros', async () => {
    const dir = tempDir();
    const log = new EmbeddedEventLog({
      dataDir: dir,
      fsync: true,
      segmentBytes: 128 * 1024,
      preallocateBytes: 32 * 1024,
    });
    await log.connect();
    await log.ensureTopics([{ name: TOPIC, partitions: 3 }]);
    const record = (i: number): OutgoingRecord => ({
      topic: TOPIC,
      key: `call-${i % 7}`,
      value: Buffer.from(`event ${i}`.padEnd(300, '.')),
      headers: { ce_id: `id-${i}` },
    });
    for (let i = 0; i < 600; i += 20) await log.append(Array.from({ length: 20 }, (_, j) => record(i + j)));
    expect(segmentsOf(dir).length).toBeGreaterThan(1);
    const copy = crashCopy(dir);
    dirs.push(copy);
    const last = segmentsOf(copy).at(-1)!;
    const content = fs.readFileSync(last);
    // whatever follows the frames is zeros (written ahead, or a hole before them)
    expect(content.subarray(scanFrames(content).validBytes).every((b) => b === 0)).toBe(true);

    const recovered = new EmbeddedEventLog({ dataDir: copy, fsync: true, segmentBytes: 128 * 1024 });
    await recovered.connect();
    const records = await readAll(recovered, 600);
    expect(new Set(records.map((r) => r.headers.ce_id)).size).toBe(600);
    const next = await recovered.append([record(600)]);
    const samePartition = records.filter((r) => r.partition === next[0].partition);
    expect(next[0].offset).toBe(samePartition.length);
    await recovered.close();
    await log.close();
  });
});
