import { EventBus, EmbeddedEventLog } from '@cc/event-bus';
import { benchEvents, callEvent } from './scenarios';
import { encodeFrame as encodeNew, FrameEncoder } from '../../libs/event-bus/src/embedded/record-codec';
// eslint-disable-next-line
const { encodeFrame: encodeOld } = require('/tmp/prof/old/record-codec.ts');

const t = benchEvents('bench.t');
const bus = new EventBus({ log: new EmbeddedEventLog({ dataDir: '/tmp/x' }), source: 'cc/bench', registry: t.registry });
const ids: string[] = [];
const outgoing = Array.from({ length: 2000 }, (_, i) => bus.codec.encode(callEvent(t, i, ids)));
const records = outgoing.map((r, i) => ({ topic: r.topic, partition: i % 12, offset: i, key: r.key, value: r.value, headers: r.headers ?? {}, timestamp: Date.now() }));
const entries = records.map((record) => ({ type: 'record' as const, record }));
function time(name: string, fn: () => void) {
  for (let i = 0; i < 50; i++) fn();
  const t0 = process.hrtime.bigint();
  const n = 300;
  for (let i = 0; i < n; i++) fn();
  const ns = Number(process.hrtime.bigint() - t0) / n / 2000;
  console.log(name, ns.toFixed(0), 'ns/record');
}
const which = process.argv[2] ?? 'all';
if (which === 'all' || which === 'old') time('old encodeFrame', () => encodeOld(entries));
if (which === 'all' || which === 'new') time('new encodeFrame', () => encodeNew(entries));
if (which === 'all' || which === 'direct') {
  const enc = new FrameEncoder();
  time('new direct', () => {
    enc.begin();
    for (const r of records) enc.record(r.topic, r.partition, r.offset, r.timestamp, r.key, r.value, r.headers);
    enc.finish();
    enc.abandon();
  });
}
