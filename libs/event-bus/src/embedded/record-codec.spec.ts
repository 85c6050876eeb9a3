import { scanFrames } from './frame';
import { decodeEntry, decodeRecord, encodeFrame, forEachEntry, type LogEntry, peekRecord } from './record-codec';

describe('record codec', () => {
  const entries: LogEntry[] = [
    { type: 'topic-created', spec: { name: 'cc.routing.log.v1', partitions: 3, retentionMs: 1000, compacted: false } },
    {
      type: 'record',
      record: {
        topic: 'cc.routing.log.v1',
        partition: 2,
        offset: 41,
        key: 'domain-é',
        value: Buffer.from([0, 1, 2, 255]),
        headers: { ce_type: 'CallQueued', traceparent: '00-abc' },
        timestamp: 1_700_000_000_123,
      },
    },
    {
      type: 'record',
      record: { topic: 't', partition: 0, offset: 0, key: null, value: Buffer.alloc(0), headers: {}, timestamp: 1 },
    },
    { type: 'offsets-committed', groupId: 'reporting', topic: 't', partition: 0, offset: 7 },
    { type: 'producer-epoch', transactionalId: 'acd-1', epoch: 3 },
    { type: 'partition-end', topic: 't', partition: 1, endOffset: 99 },
  ];

  it('round-trips every entry type through a frame', () => {
    const { frame, recordSpans } = encodeFrame(entries);
    const scan = scanFrames(frame);
    expect(scan.validBytes).toBe(frame.length);
    expect(scan.frames).toHaveLength(1);
    const decoded: LogEntry[] = [];
    forEachEntry(scan.frames[0].payload, (entry) => decoded.push(decodeEntry(entry)));
    expect(decoded).toEqual(entries);
    expect(recordSpans).toHaveLength(2);
    const first = decodeRecord(frame.subarray(recordSpans[0].start, recordSpans[0].start + recordSpans[0].length));
    expect(first).toEqual((entries[1] as { record: unknown }).record);
    expect(peekRecord(frame.subarray(recordSpans[0].start))).toEqual({
      topic: 'cc.routing.log.v1',
      partition: 2,
      offset: 41,
      timestamp: 1_700_000_000_123,
    });
  });

  it('stops scanning at a torn or corrupt frame', () => {
    const a = encodeFrame(entries.slice(0, 2)).frame;
    const b = encodeFrame(entries.slice(2)).frame;
    const torn = Buffer.concat([a, b.subarray(0, b.length - 3)]);
    expect(scanFrames(torn).validBytes).toBe(a.length);
    const corrupt = Buffer.concat([a, b]);
    corrupt[a.length + 12] ^= 0xff;
    expect(scanFrames(corrupt).frames).toHaveLength(1);
    expect(scanFrames(Buffer.concat([a, b])).frames).toHaveLength(2);
  });
});
