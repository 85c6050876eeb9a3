import { type BusInstrumentation, type HandledRecord } from '@cc/event-bus';
import {
  injectTraceContext,
  recordEventConsumed,
  recordEventDeadLettered,
  recordEventPublished,
  startHandlerTimer,
  withConsumerSpan,
} from '@cc/telemetry';

/**
 * Connects the bus to OpenTelemetry and Prometheus: the active trace context travels in each event's headers,
 * every handler call runs in a consumer span continuing the producer's trace, and the counters and histograms of
 * @cc/telemetry (events published/consumed/dead-lettered, handler latency) are kept up to date.
 */
export class TelemetryBusInstrumentation implements BusInstrumentation {
  constructor(private readonly system: 'kafka' | 'embedded') {}

  decorateHeaders(headers: Record<string, string>): void {
    injectTraceContext(headers);
  }

  published(topic: string, count: number): void {
    recordEventPublished(topic, count);
  }

  handle<T>(record: HandledRecord, fn: () => Promise<T>): Promise<T> {
    const stop = startHandlerTimer(record.groupId, record.topic);
    return withConsumerSpan(
      `${record.topic} process`,
      record.headers,
      {
        topic: record.topic,
        system: this.system,
        key: record.key ?? undefined,
        group: record.groupId,
        partition: record.partition,
        offset: record.offset,
        messageId: record.headers.ce_id,
        attributes: { 'cc.event.type': record.type ?? '', 'cc.tenant.id': record.headers.ce_tenantid ?? '' },
      },
      async () => {
        try {
          return await fn();
        } finally {
          stop();
        }
      },
    );
  }

  consumed(topic: string, groupId: string, count: number): void {
    recordEventConsumed(topic, groupId, count);
  }

  deadLettered(topic: string, groupId: string, reason: string): void {
    recordEventDeadLettered(topic, groupId, reason);
  }
}
