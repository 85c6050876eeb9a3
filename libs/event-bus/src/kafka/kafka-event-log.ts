import { Kafka } from 'kafkajs';
import { LogClosedError } from '../log/errors';
import {
  type EventLog,
  type LogConsumer,
  type LogConsumerOptions,
  type OutgoingRecord,
  type PartitionLag,
  type RecordPosition,
  type TopicSpec,
  type TransactionalProducer,
} from '../log/event-log';
import { KafkaLogAdmin } from './kafka-admin';
import { KafkaLogConsumer } from './kafka-consumer';
import { filteredLogger, kafkaJsLogCreator, stderrLogger, toKafkaJsLogLevel, type KafkaEventLogOptions, type KafkaLogger } from './kafka-options';
import { KafkaAppender } from './kafka-producer';
import { installProduceEncoding } from './kafkajs-produce-encoding';
import { KafkaTransactionalProducer } from './kafka-transactions';

/** The EventLog on Apache Kafka (kafkajs). Connects lazily on first use; `connect()` only makes it explicit. */
export class KafkaEventLog implements EventLog {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly logger: KafkaLogger;
  private readonly admin: KafkaLogAdmin;
  private readonly appender: KafkaAppender;
  private readonly consumers = new Set<KafkaLogConsumer>();
  private readonly transactionalProducers = new Set<KafkaTransactionalProducer>();
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(options: KafkaEventLogOptions) {
    if (options.brokers.length === 0) throw new Error('KafkaEventLog needs at least one broker');
    installProduceEncoding();
    const level = options.logLevel ?? 'warn';
    this.logger = filteredLogger(options.logger ?? stderrLogger, level);
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: toKafkaJsLogLevel(level),
      logCreator: kafkaJsLogCreator(this.logger),
      connectionTimeout: options.connectionTimeoutMs ?? 3000,
      requestTimeout: options.requestTimeoutMs ?? 30000,
    });
    this.admin = new KafkaLogAdmin(this.kafka, options.replicationFactor ?? 1);
    this.appender = new KafkaAppender(this.kafka, this.admin);
  }

  connect(): Promise<void> {
    this.assertOpen();
    if (!this.connecting) {
      this.connecting = Promise.all([this.admin.connect(), this.appender.connect()]).then(() => undefined);
      this.connecting.catch(() => {
        this.connecting = null; // let a later call try again
      });
    }
    return this.connecting;
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    await this.connect();
    await this.admin.ensureTopics(specs);
  }

  async listTopics(): Promise<TopicSpec[]> {
    await this.connect();
    return this.admin.listTopics();
  }

  async append(records: OutgoingRecord[]): Promise<RecordPosition[]> {
    await this.connect();
    return this.appender.append(records);
  }

  createConsumer(options: LogConsumerOptions): LogConsumer {
    this.assertOpen();
    const consumer = new KafkaLogConsumer(this.kafka, options, this.logger, (c) => this.consumers.delete(c));
    this.consumers.add(consumer);
    return consumer;
  }

  async transactionalProducer(transactionalId: string): Promise<TransactionalProducer> {
    await this.connect();
    const producer = await KafkaTransactionalProducer.create(this.kafka, this.admin, transactionalId, (p) =>
      this.transactionalProducers.delete(p),
    );
    this.transactionalProducers.add(producer);
    return producer;
  }

  async groupLag(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    await this.connect();
    return this.admin.groupLag(groupId, topics);
  }

  async ping(): Promise<void> {
    await this.connect();
    await this.admin.ping();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const results = await Promise.allSettled([
      ...[...this.consumers].map((consumer) => consumer.stop()),
      ...[...this.transactionalProducers].map((producer) => producer.close()),
    ]);
    await Promise.allSettled([this.appender.disconnect(), this.admin.disconnect()]);
    for (const result of results) {
      if (result.status === 'rejected') {
        this.logger('warn', 'error while closing the Kafka event log', { error: String(result.reason) });
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new LogClosedError();
  }
}
