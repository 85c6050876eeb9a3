import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CallArrivedEvent, CallQueuedEvent, callV1, commonV1, type EventDefinition } from '@cc/contracts';
import {
  type ConsumedEvent,
  type EventBus,
  type EventRegistry,
  type PublishRequest,
  type Subscription,
} from '@cc/event-bus';
import { LatencyRecorder, type LatencySummary } from '../shared/latency';

/**
 * The call-lifecycle events of the benchmark: the real CallArrived and CallQueued contracts (protobuf codecs, keys,
 * subjects), moved to a topic of their own so that every run starts on empty topics.
 */
export interface BenchEvents {
  topic: string;
  arrived: EventDefinition<callV1.CallArrived>;
  queued: EventDefinition<callV1.CallQueued>;
  registry: EventRegistry;
}

export function benchEvents(topic: string): BenchEvents {
  const arrived: EventDefinition<callV1.CallArrived> = { ...CallArrivedEvent, topic };
  const queued: EventDefinition<callV1.CallQueued> = { ...CallQueuedEvent, topic };
  const byType = new Map<string, EventDefinition<unknown>>([
    [arrived.type, arrived as EventDefinition<unknown>],
    [queued.type, queued as EventDefinition<unknown>],
  ]);
  return { topic, arrived, queued, registry: (type) => byType.get(type) };
}

const TENANTS = ['acme', 'globex', 'initech', 'umbrella'];
const BRANCHES = ['branch-msk-1', 'branch-spb-1', 'branch-ekb-2'];
const QUEUES = ['support-l1', 'billing', 'sales', 'retention'];
const NAMES = ['Ivan Petrov', 'Anna Smirnova', '', 'ACME Logistics'];

/**
 * Event number `seq` of the stream: even numbers are a call's CallArrived, odd ones its CallQueued, so every call id
 * (the partition key) gets two events in order, as on the real call-lifecycle topic.
 */
export function callEvent(
  events: BenchEvents,
  seq: number,
  callIds: string[],
  now = new Date(),
): PublishRequest<unknown> {
  const call = seq >> 1;
  const callId = (callIds[call] ??= randomUUID());
  const tenantId = TENANTS[call % TENANTS.length];
  const branchId = BRANCHES[call % BRANCHES.length];
  if ((seq & 1) === 0) {
    const data: callV1.CallArrived = {
      tenantId,
      occurredAt: now,
      callId,
      sipCallId: `${callId.slice(0, 18)}@sbc-${call % 4}.carrier.example.net`,
      branchId,
      channel: commonV1.Channel.CHANNEL_VOICE,
      direction: callV1.Direction.DIRECTION_INBOUND,
      dialledNumber: `+7495${String(1_000_000 + (call % 9_000_000)).padStart(7, '0')}`,
      callerNumber: `+7916${String(call % 10_000_000).padStart(7, '0')}`,
      callerName: NAMES[call % NAMES.length],
      trunkId: `trunk-${call % 8}`,
      campaignId: '',
    };
    return { event: events.arrived, data, tenantId, correlationId: callId, actor: 'system:sip-ingress' };
  }
  const data: callV1.CallQueued = {
    tenantId,
    occurredAt: now,
    callId,
    branchId,
    queueId: QUEUES[call % QUEUES.length],
    priority: call % 3,
    requiredSkills: [
      { skillId: 'billing', minLevel: 3 },
      { skillId: 'lang-ru', minLevel: 1 },
    ],
    language: 'ru',
    position: 1 + (call % 25),
    estimatedWaitMs: 15_000 + (call % 60) * 1_000,
  };
  return { event: events.queued, data, tenantId, correlationId: callId, actor: 'system:routing' };
}

/** Average payload and header bytes of the benchmark's events, as the bus encodes them. */
export function eventSizes(bus: EventBus, events: BenchEvents): { valueBytes: number; headerBytes: number } {
  const callIds: string[] = [];
  let value = 0;
  let headers = 0;
  const samples = 1_000;
  for (let seq = 0; seq < samples; seq++) {
    const record = bus.codec.encode(callEvent(events, seq, callIds));
    value += record.value.length;
    for (const [name, v] of Object.entries(record.headers ?? {}))
      headers += Buffer.byteLength(name) + Buffer.byteLength(v);
  }
  return { valueBytes: value / samples, headerBytes: headers / samples };
}

export interface ThroughputResult {
  events: number;
  seconds: number;
  perSecond: number;
}

/**
 * Publishes `count` events with `inFlight` concurrent publish calls (each awaiting its acknowledgement before
 * publishing the next), as many request handlers of a busy service would; the bus batches what is pending.
 */
export async function produce(
  bus: EventBus,
  events: BenchEvents,
  count: number,
  inFlight: number,
): Promise<ThroughputResult> {
  const callIds: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const seq = next++;
      await bus.publish(callEvent(events, seq, callIds));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { events: count, seconds, perSecond: count / seconds };
}

export interface ConsumeResult extends ThroughputResult {
  /** From subscribe() to the first event: joining the group and the first fetch. */
  firstEventMs: number;
}

/**
 * A fresh consumer group reads `count` events from the start of the topic through bus.subscribe (envelope and
 * payload decoded, offsets committed per batch). The rate is taken from the first event to the last, so that joining
 * the group is reported apart.
 */
export async function consume(
  bus: EventBus,
  events: BenchEvents,
  count: number,
  timeoutMs: number,
): Promise<ConsumeResult> {
  let received = 0;
  let first = 0;
  let last = 0;
  let checksum = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const subscribed = performance.now();
  const subscription = await bus.subscribe(
    { groupId: `bench-consume-${randomUUID().slice(0, 8)}`, topics: [events.topic], startFrom: 'earliest' },
    async (event: ConsumedEvent) => {
      const now = performance.now();
      if (received === 0) first = now;
      checksum += (event.envelope.data as { callId: string }).callId.length;
      if (++received === count) {
        last = now;
        done();
      }
    },
  );
  try {
    await withTimeout(finished, timeoutMs, () => `consumer got ${received} of ${count} events`);
  } finally {
    await subscription.stop();
  }
  if (checksum === 0) throw new Error('consumed events carried no call ids');
  const seconds = (last - first) / 1000;
  return { events: count, seconds, perSecond: count / seconds, firstEventMs: first - subscribed };
}

export interface LatencyResult extends LatencySummary {
  /** Publish call to acknowledgement by the log: the producer's share of the end-to-end latency. */
  ack: LatencySummary;
  sent: number;
  achievedRate: number;
}

/**
 * End-to-end latency at a fixed rate: a paced publisher issues `rate` events per second (without waiting for
 * acknowledgements, as independent callers would) for `durationS` seconds; a subscribed consumer takes the time on
 * receipt. Each event carries its send time in the payload's occurred_at (millisecond precision); the measurement
 * uses the same instant from the monotonic clock, kept by event id, for sub-millisecond precision.
 */
export async function endToEndLatency(
  bus: EventBus,
  events: BenchEvents,
  rate: number,
  durationS: number,
): Promise<LatencyResult> {
  const total = Math.max(1, Math.round(rate * durationS));
  const sentAt = new Map<string, number>();
  const latency = new LatencyRecorder();
  const ack = new LatencyRecorder();
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));

  const subscription: Subscription = await bus.subscribe(
    { groupId: `bench-latency-${randomUUID().slice(0, 8)}`, topics: [events.topic], startFrom: 'earliest' },
    async (event: ConsumedEvent) => {
      const now = performance.now();
      const sent = sentAt.get(event.envelope.id);
      if (sent === undefined) return; // a redelivery after a rebalance: measured already
      sentAt.delete(event.envelope.id);
      latency.record(now - sent);
      if (latency.count === total) done();
    },
  );
  // Give a Kafka member time to settle after the join before the clock starts.
  await sleep(500);

  const callIds: string[] = [];
  const failures: unknown[] = [];
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000));
    while (sent < due) {
      const request = callEvent(events, sent, callIds, new Date());
      request.id = randomUUID();
      const at = performance.now();
      sentAt.set(request.id, at);
      bus.publish(request).then(
        () => ack.record(performance.now() - at),
        (error: unknown) => failures.push(error),
      );
      sent++;
    }
    await sleep(1);
  }
  const publishSeconds = (performance.now() - started) / 1000;
  try {
    await withTimeout(finished, 30_000, () => `latency consumer got ${latency.count} of ${total} events`);
  } finally {
    await subscription.stop();
  }
  if (failures.length > 0) throw new Error(`${failures.length} publishes failed: ${String(failures[0])}`);
  return { ...latency.summary(), ack: ack.summary(), sent: total, achievedRate: total / publishSeconds };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${describe()}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
