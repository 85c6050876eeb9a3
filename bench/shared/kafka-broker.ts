import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

interface KafkaTool {
  status(): Promise<string | null>;
  start(): Promise<string>;
  stop(): Promise<void>;
}

export interface BenchBroker {
  /** Bootstrap servers, "host:port[,host:port]". */
  brokers: string;
  /** True when the benchmark started the broker (stopping it deletes its data). */
  startedHere: boolean;
  /** Stops the broker if the benchmark started it; a broker that was running already is left running. */
  release(): Promise<void>;
}

/**
 * The Kafka a benchmark runs against: KAFKA_BROKERS when set, else the local broker of tools/kafka when one runs
 * (an integration run's, a developer's), else one started for the benchmark.
 */
export async function benchBroker(log: (message: string) => void): Promise<BenchBroker> {
  const configured = process.env['KAFKA_BROKERS'];
  if (configured) return { brokers: configured, startedHere: false, release: async () => undefined };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tool = require(join(ROOT, 'tools', 'kafka', 'kafka.js')) as KafkaTool;
  const running = await tool.status();
  if (running) {
    log(`using the local Kafka broker at ${running}`);
    return { brokers: running, startedHere: false, release: async () => undefined };
  }
  log('starting a local Kafka broker for the benchmark');
  return { brokers: await tool.start(), startedHere: true, release: () => tool.stop() };
}
