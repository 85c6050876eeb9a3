import { dlqTopicOf } from '@cc/contracts';
import { type Headers, type LogRecord, type OutgoingRecord } from '../log/event-log';

/** Why an event was dead-lettered; `dlq_reason` carries one of these. */
export type DeadLetterReason = 'undecodable' | 'unknown-event-type' | 'rejected-by-handler' | 'retries-exhausted' | string;

export interface DeadLetter {
  reason: DeadLetterReason;
  error: string;
  groupId: string;
  failedAt: Date;
}

/**
 * The dead-lettered copy keeps key, value and original headers byte for byte (so it can be replayed as it was)
 * and adds headers saying where it came from and why it failed.
 */
export function deadLetterRecord(record: LogRecord, letter: DeadLetter): OutgoingRecord {
  const headers: Headers = {
    ...record.headers,
    dlq_reason: letter.reason,
    dlq_error: letter.error.slice(0, 2_000),
    dlq_original_topic: record.topic,
    dlq_original_partition: String(record.partition),
    dlq_original_offset: String(record.offset),
    dlq_consumer_group: letter.groupId,
    dlq_failed_at: letter.failedAt.toISOString(),
  };
  return { topic: dlqTopicOf(record.topic), key: record.key, value: record.value, headers };
}
