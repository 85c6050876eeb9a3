import { requireKafka } from '@cc/testing';
import { KafkaEventLog } from '../src/kafka';
import { eventLogContract } from './event-log.contract';

eventLogContract({
  name: 'Apache Kafka (kafkajs)',
  sessionTimeoutMs: 3_000,
  restartable: false,
  open: async () => {
    const log = new KafkaEventLog({ brokers: requireKafka().split(','), clientId: 'contract-test' });
    await log.connect();
    return log;
  },
  cleanup: async () => undefined,
});
