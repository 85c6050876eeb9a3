import { ConfigResourceTypes, type Admin, type ITopicConfig, type Kafka } from 'kafkajs';
import { UnknownTopicError } from '../log/errors';
import { type PartitionLag, type TopicSpec } from '../log/event-log';
import { hasErrorType } from './kafka-errors';

const PING_TIMEOUT_MS = 3000;

/** Topic and group administration, plus the partition counts the producers need to place keyed records. */
/** How long a newly created topic may take to appear in the broker's metadata. */
const TOPIC_VISIBLE_TIMEOUT_MS = 30_000;

export class KafkaLogAdmin {
  private readonly admin: Admin;
  private readonly partitionCounts = new Map<string, number>();

  constructor(
    kafka: Kafka,
    private readonly replicationFactor: number,
  ) {
    this.admin = kafka.admin();
  }

  connect(): Promise<void> {
    return this.admin.connect();
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    if (specs.length === 0) return;
    const existing = new Set(await this.admin.listTopics());
    const missing = uniqueByName(specs).filter((spec) => !existing.has(spec.name));
    if (missing.length > 0) {
      try {
        await this.admin.createTopics({ topics: missing.map((spec) => this.topicConfig(spec)), waitForLeaders: true });
      } catch (error) {
        // Another process may have created some of them meanwhile: that is what we wanted. A fresh KRaft broker
        // may also answer the wait for leaders before its metadata cache knows the new topics: wait below.
        if (!hasErrorType(error, 'TOPIC_ALREADY_EXISTS') && !hasErrorType(error, 'UNKNOWN_TOPIC_OR_PARTITION')) {
          throw error;
        }
      }
    }
    await this.untilKnown(() => this.refreshPartitionCounts(specs.map((spec) => spec.name)));
  }

  /** Retries a metadata call while the broker does not know a topic that was just created (up to 30 s). */
  private async untilKnown(call: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + TOPIC_VISIBLE_TIMEOUT_MS;
    for (;;) {
      try {
        return await call();
      } catch (error) {
        const unknown = error instanceof UnknownTopicError || hasErrorType(error, 'UNKNOWN_TOPIC_OR_PARTITION');
        if (!unknown || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async listTopics(): Promise<TopicSpec[]> {
    const { topics } = await this.admin.fetchTopicMetadata();
    const visible = topics.filter((topic) => !topic.name.startsWith('__')).sort((a, b) => a.name.localeCompare(b.name));
    if (visible.length === 0) return [];
    const { resources } = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: visible.map((topic) => ({
        type: ConfigResourceTypes.TOPIC,
        name: topic.name,
        configNames: ['retention.ms', 'cleanup.policy'],
      })),
    });
    const configs = new Map(
      resources.map((resource) => [
        resource.resourceName,
        new Map(resource.configEntries.map((entry) => [entry.configName, entry.configValue])),
      ]),
    );
    return visible.map((topic) => {
      const config = configs.get(topic.name);
      const retention = Number(config?.get('retention.ms') ?? -1);
      const spec: TopicSpec = { name: topic.name, partitions: topic.partitions.length };
      if (retention >= 0) spec.retentionMs = retention;
      if ((config?.get('cleanup.policy') ?? '').includes('compact')) spec.compacted = true;
      this.partitionCounts.set(topic.name, topic.partitions.length);
      return spec;
    });
  }

  async groupLag(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    if (topics.length === 0) return [];
    await this.partitionCountsOf(topics); // UnknownTopicError for a missing topic
    const committed = await this.admin.fetchOffsets({ groupId, topics });
    const committedOf = new Map<string, number>();
    for (const topic of committed) {
      for (const p of topic.partitions) committedOf.set(`${topic.topic}:${p.partition}`, Number(p.offset));
    }
    const lags: PartitionLag[] = [];
    for (const topic of topics) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      for (const end of ends.sort((a, b) => a.partition - b.partition)) {
        const committedOffset = committedOf.get(`${topic}:${end.partition}`) ?? -1;
        const endOffset = Number(end.high);
        const from = committedOffset >= 0 ? committedOffset : Number(end.low);
        lags.push({
          topic,
          partition: end.partition,
          committedOffset: committedOffset >= 0 ? committedOffset : -1,
          endOffset,
          lag: Math.max(0, endOffset - from),
        });
      }
    }
    return lags;
  }

  /** Partition counts of the topics (cached; asked from the cluster metadata when unknown). */
  async partitionCountsOf(topics: Iterable<string>): Promise<Map<string, number>> {
    const unknown = [...new Set(topics)].filter((topic) => !this.partitionCounts.has(topic));
    if (unknown.length > 0) await this.refreshPartitionCounts(unknown);
    return this.partitionCounts;
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Kafka did not answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.admin.describeCluster(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async refreshPartitionCounts(topics: string[]): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.find((topic) => !existing.has(topic));
    if (missing !== undefined) throw new UnknownTopicError(missing);
    const metadata = await this.admin.fetchTopicMetadata({ topics });
    for (const topic of metadata.topics) this.partitionCounts.set(topic.name, topic.partitions.length);
  }

  private topicConfig(spec: TopicSpec): ITopicConfig {
    const configEntries = [
      { name: 'retention.ms', value: String(spec.retentionMs ?? -1) },
      { name: 'cleanup.policy', value: spec.compacted ? 'compact' : 'delete' },
    ];
    return {
      topic: spec.name,
      numPartitions: spec.partitions,
      replicationFactor: this.replicationFactor,
      configEntries,
    };
  }
}

function uniqueByName(specs: TopicSpec[]): TopicSpec[] {
  return [...new Map(specs.map((spec) => [spec.name, spec])).values()];
}
