import { type OutgoingRecord } from '../log/event-log';
import { partitionForKey } from '../log/partitioner';
import { RecordPlacer } from './record-placer';

const record = (topic: string, key: string | null, bytes: number, extra: Partial<OutgoingRecord> = {}): OutgoingRecord => ({
  topic,
  key,
  value: Buffer.alloc(bytes),
  ...extra,
});

describe('RecordPlacer', () => {
  const counts = new Map([
    ['calls', 4],
    ['agents', 2],
  ]);

  it('places keyed, pinned and keyless records in one chunk, with each record index within its partition', () => {
    const records = [
      record('calls', 'call-1', 10),
      record('agents', null, 10),
      record('calls', 'call-1', 10),
      record('calls', 'other', 10, { partition: 3 }),
      record('agents', null, 10),
      record('agents', null, 10, { headers: { ce_id: 'x' }, timestamp: 1_700_000_000_000 }),
    ];
    const [chunk, ...rest] = new RecordPlacer().chunks(records, counts);
    expect(rest).toEqual([]);
    const keyed = partitionForKey('call-1', 4);
    expect(chunk.positions).toEqual([
      { topic: 'calls', partition: keyed, offset: 0 },
      { topic: 'agents', partition: 0, offset: 0 },
      { topic: 'calls', partition: keyed, offset: 1 },
      { topic: 'calls', partition: 3, offset: keyed === 3 ? 2 : 0 },
      { topic: 'agents', partition: 1, offset: 0 },
      { topic: 'agents', partition: 0, offset: 1 },
    ]);
    expect(chunk.topicMessages.map((t) => [t.topic, t.messages.length])).toEqual([
      ['calls', 3],
      ['agents', 3],
    ]);
    expect(chunk.topicMessages[1].messages[2]).toEqual({
      key: null,
      value: records[5].value,
      partition: 0,
      headers: { ce_id: 'x' },
      timestamp: '1700000000000',
    });
  });

  it('starts a new chunk only where a partition would exceed the byte limit', () => {
    const records = [
      record('calls', null, 600, { partition: 0 }),
      record('calls', null, 600, { partition: 1 }),
      record('calls', null, 600, { partition: 0 }), // partition 0 would hold 1,200+ bytes
      record('calls', null, 600, { partition: 1 }),
      record('calls', null, 5_000, { partition: 2 }), // alone over the limit: still sent, in the chunk it fits
    ];
    const chunks = new RecordPlacer().chunks(records, counts, 1_000);
    expect(chunks.map((c) => c.positions.map((p) => p.partition))).toEqual([
      [0, 1],
      [0, 1, 2],
    ]);
    expect(chunks[1].positions.map((p) => p.offset)).toEqual([0, 0, 0]);
  });

  it('refuses a partition the topic does not have', () => {
    expect(() => new RecordPlacer().chunks([record('agents', 'k', 1, { partition: 2 })], counts)).toThrow(
      'partition 2 does not exist in agents (2 partitions)',
    );
  });
});
