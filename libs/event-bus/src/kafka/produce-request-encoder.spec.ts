import { randomBytes } from 'node:crypto';
import { CompressionTypes } from 'kafkajs';
import { crc32c } from './crc32c';
import { installProduceEncoding, KAFKAJS_PRODUCE_TABLE } from './kafkajs-produce-encoding';
import { encodeProduceRequest, type ProduceMessage, type ProduceRequestData } from './produce-request-encoder';

/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs's own encoders are the reference */
interface KafkaJsRequest {
  apiVersion: number;
  encode(): Promise<{ buffer: Buffer }>;
}
type ProduceArgs = ProduceRequestData & { compression?: number };
const kafkaJsProduceV3 = require('kafkajs/src/protocol/requests/produce/v3/request') as (args: ProduceArgs) => KafkaJsRequest;
const kafkaJsCrc32c = require('kafkajs/src/protocol/recordBatch/crc32C') as (buffer: Buffer) => number;
const produceTable = require(KAFKAJS_PRODUCE_TABLE) as {
  protocol(options: { version: number }): (args: ProduceArgs) => { request: KafkaJsRequest };
};
/* eslint-enable @typescript-eslint/no-require-imports */

const NOW = 1_700_000_000_123;

async function kafkaJsBytes(request: ProduceArgs): Promise<Buffer> {
  const now = jest.spyOn(Date, 'now').mockReturnValue(NOW);
  try {
    return Buffer.from((await kafkaJsProduceV3(request).encode()).buffer);
  } finally {
    now.mockRestore();
  }
}

const cloudEventHeaders = (i: number): Record<string, string> => ({
  ce_specversion: '1.0',
  ce_id: `0b6a1f0e-3c1e-4b6e-9a51-${String(i).padStart(12, '0')}`,
  ce_type: 'cc.call.v1.CallArrived',
  ce_source: 'cc/bench',
  ce_subject: `call/${i}`,
  ce_time: '2026-11-23T18:58:49.399Z',
  ce_tenantid: 'acme',
  ce_correlationid: `corr-${i}`,
  ce_actor: 'system:sip-ingress',
  content_type: 'application/protobuf',
});

function request(partitions: ProduceMessage[][], extra: Partial<ProduceRequestData> = {}): ProduceRequestData {
  return {
    acks: -1,
    timeout: 30_000,
    producerId: '4711',
    producerEpoch: 3,
    topicData: [
      {
        topic: 'cc.call.lifecycle.v1',
        partitions: partitions.map((messages, partition) => ({ partition, firstSequence: 17 * partition, messages })),
      },
    ],
    ...extra,
  };
}

describe('crc32c', () => {
  it('matches kafkajs for every length and start', () => {
    const bytes = randomBytes(1100);
    for (const [start, end] of [[0, 0], [0, 1], [0, 7], [0, 8], [3, 20], [1, 1100], [0, 1100], [13, 1013]]) {
      expect(crc32c(bytes, start, end)).toBe(kafkaJsCrc32c(bytes.subarray(start, end)));
    }
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283); // the CRC-32C check value
  });
});

describe('encodeProduceRequest', () => {
  it('writes what kafkajs writes for CloudEvents records on several partitions', async () => {
    const partitions = [0, 1, 2].map((p) =>
      Array.from({ length: 50 + p }, (_, i) => ({
        key: `call-${p}-${i}`,
        value: randomBytes(140 + i),
        headers: cloudEventHeaders(i),
      })),
    );
    const input = request(partitions);
    expect(encodeProduceRequest(input, NOW).equals(await kafkaJsBytes(input))).toBe(true);
  });

  it('writes null and Buffer keys, string values, non-ASCII text, header arrays and Buffer header values', async () => {
    const messages: ProduceMessage[] = [
      { key: null, value: Buffer.from('no key') },
      { key: Buffer.from([0, 255, 7]), value: 'строка ✓ 🚀' },
      { key: 'ключ', value: null, headers: { 'имя': 'значение', multi: ['a', Buffer.from('b'), 'ccc'], empty: '' } },
      { key: 'big', value: randomBytes(20_000), headers: { long: 'x'.repeat(300) } },
      { key: 'no-headers', value: Buffer.alloc(0), headers: {} },
    ];
    const input = request([messages, []]);
    expect(encodeProduceRequest(input, NOW).equals(await kafkaJsBytes(input))).toBe(true);
  });

  it('takes first and max timestamp as kafkajs does, and deltas against the first', async () => {
    const stamped: ProduceMessage[] = [
      { key: 'a', value: Buffer.from('1'), timestamp: '1700000000500' },
      { key: 'b', value: Buffer.from('2'), timestamp: '1700000000100' },
      { key: 'c', value: Buffer.from('3') }, // no timestamp: now, far after the others
      { key: 'd', value: Buffer.from('4'), timestamp: '1700000000900' },
    ];
    const old: ProduceMessage[] = [{ key: 'e', value: Buffer.from('5'), timestamp: '1000' }, { key: 'f', value: Buffer.from('6') }];
    // Numbers sort as strings too (10 before 9), which makes a negative delta.
    const numeric: ProduceMessage[] = [9, 10, 100].map((timestamp) => ({ key: 'n', value: Buffer.from('7'), timestamp }));
    const input = request([stamped, old, numeric]);
    expect(encodeProduceRequest(input, NOW).equals(await kafkaJsBytes(input))).toBe(true);
  });

  it('marks transactional batches and writes the transactional id', async () => {
    const input = request([[{ key: 'k', value: Buffer.from('v'), headers: { h: '1' } }]], {
      transactionalId: 'cc-routing.cc.call.lifecycle.v1.3',
      producerId: 9_007_199_254_740_000n,
      producerEpoch: 12,
      acks: 1,
      timeout: 5000,
    });
    expect(encodeProduceRequest(input, NOW).equals(await kafkaJsBytes(input))).toBe(true);
  });

  it('writes several topics and defaults (no producer id, no sequence)', async () => {
    const input: ProduceRequestData = {
      acks: -1,
      timeout: 30_000,
      topicData: [
        { topic: 'a', partitions: [{ partition: 4, messages: [{ key: 'x', value: Buffer.from('1') }] }] },
        { topic: 'b.dlq', partitions: [{ partition: 0, messages: [{ key: null, value: Buffer.from('2'), headers: { dlq_reason: 'undecodable' } }] }] },
      ],
    };
    expect(encodeProduceRequest(input, NOW).equals(await kafkaJsBytes(input))).toBe(true);
  });

  it('refuses a header without a value instead of writing a broken record', () => {
    const input = request([[{ key: 'k', value: Buffer.from('v'), headers: { ce_id: undefined } }]]);
    expect(() => encodeProduceRequest(input, NOW)).toThrow('header ce_id has no value');
  });
});

describe('installProduceEncoding', () => {
  const input = request([[{ key: 'k', value: Buffer.from('v'), headers: cloudEventHeaders(1) }]]);

  it('encodes uncompressed Produce v3 to v7 with the one-buffer encoder, keeping the version', async () => {
    installProduceEncoding();
    installProduceEncoding(); // idempotent
    const now = jest.spyOn(Date, 'now').mockReturnValue(NOW);
    try {
      for (const version of [3, 5, 7]) {
        const { request: produce } = produceTable.protocol({ version })({ ...input, compression: CompressionTypes.None });
        expect(produce.apiVersion).toBe(version);
        expect(Buffer.from((await produce.encode()).buffer).equals(encodeProduceRequest(input, NOW))).toBe(true);
      }
    } finally {
      now.mockRestore();
    }
  });

  it('leaves compressed batches to kafkajs', async () => {
    installProduceEncoding();
    const { request: produce } = produceTable.protocol({ version: 7 })({ ...input, compression: CompressionTypes.GZIP });
    const bytes = Buffer.from((await produce.encode()).buffer);
    const topic = input.topicData[0].topic;
    // transactional id, acks, timeout, topic count, topic, partition count, partition, record set size, first
    // offset, batch length, leader epoch, magic, CRC: then the batch attributes, whose low bits name the codec.
    const attributesAt = 2 + 2 + 4 + 4 + (2 + topic.length) + 4 + 4 + 4 + 8 + 4 + 4 + 1 + 4;
    expect(bytes.readInt16BE(attributesAt) & 0x07).toBe(CompressionTypes.GZIP);
  });
});
