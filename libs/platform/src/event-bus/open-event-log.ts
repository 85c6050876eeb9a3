import { EmbeddedEventLog, type EventLog, KafkaEventLog } from '@cc/event-bus';
import { join } from 'node:path';
import { type PlatformConfig } from '../config/platform-config';

/** Kafka when KAFKA_BROKERS is set, otherwise the embedded durable log in DATA_DIR/event-log. */
export async function openEventLog(config: PlatformConfig, clientId: string): Promise<EventLog> {
  const log: EventLog = config.KAFKA_BROKERS
    ? new KafkaEventLog({ brokers: config.KAFKA_BROKERS.split(','), clientId })
    : new EmbeddedEventLog({ dataDir: join(config.DATA_DIR, 'event-log') });
  await log.connect();
  return log;
}
