import { type IHeaders, type KafkaMessage } from 'kafkajs';
import { type Headers, type LogRecord } from '../log/event-log';

const EMPTY = Buffer.alloc(0);

export function toLogRecord(topic: string, partition: number, message: KafkaMessage): LogRecord {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    key: message.key === null || message.key === undefined ? null : message.key.toString('utf8'),
    value: message.value ?? EMPTY,
    headers: toHeaders(message.headers),
    timestamp: Number(message.timestamp),
  };
}

function toHeaders(headers: IHeaders | undefined): Headers {
  const result: Headers = {};
  if (!headers) return result;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    result[name] = typeof last === 'string' ? last : last.toString('utf8');
  }
  return result;
}
