import { scanFrames } from './frame';
import { type LogRecord } from '../log/event-log';
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
        headers: { ce_type: 'CallQueued', traceparent: '00-abc', ce_actor: 'agent:Jörg' },
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

  it('encodes ASCII records and records without headers or key', () => {
    const ascii: LogEntry[] = [
      {
        type: 'record',
        record: {
          topic: 'cc.call.lifecycle.v1',
          partition: 11,
          offset: 2 ** 40,
          key: '3d62e0d1-8acb-4304-956f-e21eb3536ad2',
          value: Buffer.from('payload'),
          headers: { ce_specversion: '1.0', ce_id: 'x'.repeat(300), empty: '' },
          timestamp: 1_700_000_000_000,
        },
      },
      {
        type: 'record',
        record: { topic: 't', partition: 0, offset: 0, key: '', value: Buffer.alloc(3), headers: {}, timestamp: 0 },
      },
    ];
    const { frame, recordSpans } = encodeFrame(ascii);
    const decoded = recordSpans.map((span) => decodeRecord(frame.subarray(span.start, span.start + span.length)));
    expect(decoded).toEqual(ascii.map((e) => (e as { record: unknown }).record));
  });

  it('refuses strings too long for their length field, and non-string headers', () => {
    const record = { topic: 't', partition: 0, offset: 0, key: null, value: Buffer.alloc(0), timestamp: 0 };
    expect(() =>
      encodeFrame([{ type: 'record', record: { ...record, headers: { ['n'.repeat(70_000)]: 'v' } } }]),
    ).toThrow(RangeError);
    expect(() =>
      encodeFrame([{ type: 'record', record: { ...record, topic: 'é'.repeat(40_000), headers: {} } }]),
    ).toThrow(RangeError);
    const notString = { ...record, headers: { n: 1 as unknown as string } };
    expect(() => encodeFrame([{ type: 'record', record: notString }])).toThrow(TypeError);
    // the encoder is usable after a failed frame
    expect(encodeFrame([{ type: 'record', record: { ...record, headers: {} } }]).recordSpans).toHaveLength(1);
  });

  it('reads record entries of the first layout (segments written before RECORD_V2)', () => {
    const record = {
      topic: 'cc.routing.log.v1',
      partition: 2,
      offset: 41,
      key: 'domain-é',
      value: Buffer.from([0, 1, 2, 255]),
      headers: { ce_type: 'CallQueued', traceparent: '00-abc' },
      timestamp: 1_700_000_000_123,
    };
    const entry = legacyRecordEntry(record);
    expect(decodeRecord(entry)).toEqual(record);
    expect(decodeEntry(entry)).toEqual({ type: 'record', record });
    expect(peekRecord(entry)).toEqual({ topic: record.topic, partition: 2, offset: 41, timestamp: 1_700_000_000_123 });
    const keyless = { ...record, key: null, headers: {} };
    expect(decodeRecord(legacyRecordEntry(keyless))).toEqual(keyless);
  });
});

/** A record entry as versions before RECORD_V2 wrote it: type 2, every string inline with its length. */
function legacyRecordEntry(r: LogRecord): Buffer {
  const parts: Buffer[] = [Buffer.from([2])];
  const u16 = (v: number) => parts.push(Buffer.from([v >> 8, v & 0xff]));
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    parts.push(b);
  };
  const f64 = (v: number) => {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v);
    parts.push(b);
  };
  const s16 = (v: string) => (u16(Buffer.byteLength(v)), parts.push(Buffer.from(v)));
  const s32 = (v: string) => (u32(Buffer.byteLength(v)), parts.push(Buffer.from(v)));
  s16(r.topic);
  u32(r.partition);
  f64(r.offset);
  f64(r.timestamp);
  if (r.key === null) u32(-1);
  else s32(r.key);
  u16(Object.keys(r.headers).length);
  for (const [name, value] of Object.entries(r.headers)) {
    s16(name);
    s32(value);
  }
  u32(r.value.length);
  parts.push(r.value);
  return Buffer.concat(parts);
}
