import { type LogConsumerOptions, type TopicPartition } from '../log/event-log';
import { type RetryPolicy } from './retry-policy';

/** A running consumer-group member. */
export interface Subscription {
  readonly groupId: string;
  assignment(): TopicPartition[];
  /** Leaves the group after the batch in progress; committed work is kept. */
  stop(): Promise<void>;
}

export interface SubscriptionOptions
  extends Pick<LogConsumerOptions, 'groupId' | 'topics' | 'startFrom' | 'sessionTimeoutMs' | 'maxBatchSize' | 'onAssignment'> {
  /** Event types this consumer handles; events of other known types on its topics are skipped. */
  handles?: string[];
  retry?: Partial<RetryPolicy>;
}
