import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/*
 * The platform's metrics, one registry per process. Rates such as events per second are not metrics of their
 * own: they are derived from the counters, e.g. `sum by (topic) (rate(cc_events_consumed_total[1m]))`.
 */

export interface PlatformMetrics {
  eventsPublished: Counter<'topic'>;
  eventsConsumed: Counter<'topic' | 'group'>;
  eventsDeadLettered: Counter<'topic' | 'group' | 'reason'>;
  consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  handlerDuration: Histogram<'group' | 'topic'>;
  publishDuration: Histogram<'topic'>;
}

/** 0.5 ms .. 5 s. */
export const DURATION_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

let registry: Registry | undefined;
let metrics: PlatformMetrics | undefined;

/** The process's registry, with Node's default metrics (collected once). */
export function metricsRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}

/** The named platform metrics, created on first use in the process's registry. */
export function platformMetrics(): PlatformMetrics {
  if (metrics) return metrics;
  const registers = [metricsRegistry()];
  metrics = {
    eventsPublished: new Counter({
      name: 'cc_events_published_total',
      help: 'Events published, by topic.',
      labelNames: ['topic'],
      registers,
    }),
    eventsConsumed: new Counter({
      name: 'cc_events_consumed_total',
      help: 'Events handled by a consumer group, by topic.',
      labelNames: ['topic', 'group'],
      registers,
    }),
    eventsDeadLettered: new Counter({
      name: 'cc_events_dead_lettered_total',
      help: 'Events sent to the dead-letter topic, by topic, consumer group and reason.',
      labelNames: ['topic', 'group', 'reason'],
      registers,
    }),
    consumerLag: new Gauge({
      name: 'cc_consumer_lag',
      help: 'Messages not yet consumed (end offset minus committed offset), by group, topic and partition.',
      labelNames: ['group', 'topic', 'partition'],
      registers,
    }),
    handlerDuration: new Histogram({
      name: 'cc_handler_duration_seconds',
      help: 'Time a consumer spends handling one event.',
      labelNames: ['group', 'topic'],
      buckets: DURATION_BUCKETS_SECONDS,
      registers,
    }),
    publishDuration: new Histogram({
      name: 'cc_publish_duration_seconds',
      help: 'Time to publish one event (until acknowledged).',
      labelNames: ['topic'],
      buckets: DURATION_BUCKETS_SECONDS,
      registers,
    }),
  };
  return metrics;
}

export function recordEventPublished(topic: string, count = 1): void {
  platformMetrics().eventsPublished.inc({ topic }, count);
}

export function recordEventConsumed(topic: string, group: string, count = 1): void {
  platformMetrics().eventsConsumed.inc({ topic, group }, count);
}

export function recordEventDeadLettered(topic: string, group: string, reason: string): void {
  platformMetrics().eventsDeadLettered.inc({ topic, group, reason });
}

export function setConsumerLag(group: string, topic: string, partition: number, lag: number | bigint): void {
  platformMetrics().consumerLag.set({ group, topic, partition: String(partition) }, Number(lag));
}

/** Starts timing a handler; call the returned function when it is done. */
export function startHandlerTimer(group: string, topic: string): () => number {
  return platformMetrics().handlerDuration.startTimer({ group, topic });
}

/** Starts timing a publish; call the returned function once the broker acknowledged it. */
export function startPublishTimer(topic: string): () => number {
  return platformMetrics().publishDuration.startTimer({ topic });
}

/** The body of a /metrics endpoint. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const current = metricsRegistry();
  return { contentType: current.contentType, body: await current.metrics() };
}
