/**
 * A routing instance in a process of its own, for the fault test: started on the Kafka of KAFKA_BROKERS, it prints
 * READY, and answers "dump <domainId>" on stdin with the snapshot of the domain it decides (SNAPSHOT <json>).
 */
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { toSnapshot } from '@cc/acd';
import { EventBus, KafkaEventLog } from '@cc/event-bus';
import { RoutingRuntime } from '../../src/routing-runtime';

async function main(): Promise<void> {
  const name = process.argv[2] ?? 'routing';
  const log = new KafkaEventLog({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: name });
  await log.connect();
  const bus = new EventBus({ log, source: `cc/routing/${name}` });
  const runtime = new RoutingRuntime(bus, { instanceId: name, sessionTimeoutMs: 6_000 });
  await runtime.start();
  process.stdout.write('READY\n');
  createInterface({ input: process.stdin }).on('line', (line) => {
    const [command, domainId] = line.trim().split(' ');
    if (command !== 'dump' || domainId === undefined) return;
    const engine = runtime.processor.ownedDomain(domainId);
    process.stdout.write(`SNAPSHOT ${JSON.stringify(engine ? toSnapshot(engine.state) : null)}\n`);
  });
}

void main().catch((error: unknown) => {
  process.stderr.write(`routing instance failed: ${String(error)}\n`);
  process.exit(1);
});
