import { logLevel as KafkaJsLogLevel, type LogEntry, type logCreator } from 'kafkajs';

export type KafkaLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the adapter (and kafkajs underneath) reports what happens. */
export type KafkaLogger = (level: KafkaLogLevel, message: string, extra: Record<string, unknown>) => void;

export interface KafkaEventLogOptions {
  /** Bootstrap brokers, e.g. ['127.0.0.1:9092']. */
  brokers: string[];
  clientId: string;
  /** Receives kafkajs and adapter log entries at `logLevel` and above (default: warnings and errors to stderr as JSON). */
  logger?: KafkaLogger;
  /** Lowest level handed to the logger (default 'warn'). */
  logLevel?: KafkaLogLevel;
  /** Replication factor of topics created by ensureTopics (default 1: a single-node cluster). */
  replicationFactor?: number;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

const RANK: Record<KafkaLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Default logger: JSON lines on stderr. */
export const stderrLogger: KafkaLogger = (level, message, extra) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...extra })}\n`);
};

/** A logger that drops entries below `minimum`. */
export function filteredLogger(logger: KafkaLogger, minimum: KafkaLogLevel): KafkaLogger {
  return (level, message, extra) => {
    if (RANK[level] >= RANK[minimum]) logger(level, message, extra);
  };
}

export function toKafkaJsLogLevel(level: KafkaLogLevel): KafkaJsLogLevel {
  switch (level) {
    case 'debug':
      return KafkaJsLogLevel.DEBUG;
    case 'info':
      return KafkaJsLogLevel.INFO;
    case 'warn':
      return KafkaJsLogLevel.WARN;
    case 'error':
      return KafkaJsLogLevel.ERROR;
  }
}

function fromKafkaJsLevel(level: number): KafkaLogLevel {
  if (level >= KafkaJsLogLevel.DEBUG) return 'debug';
  if (level >= KafkaJsLogLevel.INFO) return 'info';
  if (level >= KafkaJsLogLevel.WARN) return 'warn';
  return 'error';
}

/**
 * kafkajs logs every error response at the connection level (a coordinator still loading, a rebalance in progress,
 * a concurrent transaction being aborted) although the layer above retries it and reports a real failure itself.
 * Those entries, and the routine "group is rebalancing" notice, are demoted so that warnings mean something.
 */
function levelOf(entry: LogEntry): KafkaLogLevel {
  const level = fromKafkaJsLevel(entry.level);
  if (level === 'debug') return level;
  const message = String(entry.log.message);
  if (entry.namespace === 'Connection' && message.startsWith('Response ')) return 'debug';
  if (message.startsWith('The group is rebalancing')) return 'info';
  // A transaction begun while the broker still writes the last one's markers: kafkajs retries it in a few ms.
  if (message.includes('another concurrent operation on the same transaction') && Number(entry.log['retryCount'] ?? 0) < 5) {
    return 'debug';
  }
  return level;
}

/** Routes kafkajs's log entries to the adapter's logger. */
export function kafkaJsLogCreator(logger: KafkaLogger): logCreator {
  return () => (entry: LogEntry) => {
    const { message, timestamp: _timestamp, logger: _name, ...extra } = entry.log;
    logger(levelOf(entry), String(message), { namespace: entry.namespace, ...extra });
  };
}
