import { hostname } from 'node:os';
import {
  ROUTING_COMMANDS_TOPIC,
  ROUTING_CONFIG_TOPIC,
  ROUTING_LOG_TOPIC,
  ROUTING_PARTITIONS,
  ROUTING_REPLIES_TOPIC,
  topicDefinitionOf,
} from '@cc/contracts';
import { type EventBus } from '@cc/event-bus';
import { Logger } from '@nestjs/common';
import { CommandReplies } from './api/command-replies';
import { type GatewayTimings, RoutingGateway } from './api/routing-gateway';
import { RoutingProcessor } from './processor/routing-processor';
import { RoutingReplica } from './replica/routing-replica';
import { seedDemoTenant } from './seed/demo-seed';

export interface RoutingRuntimeOptions {
  /** Seed the demo tenant of DEMO.md when it was never defined (`npm start`). */
  seedDemoTenant?: boolean;
  /** Name of this instance in takeover markers; defaults to host and process id. */
  instanceId?: string;
  timings?: Partial<GatewayTimings>;
  /** How soon another instance takes over the partitions of one that stopped answering. */
  sessionTimeoutMs?: number;
}

const ROUTING_TOPICS = [ROUTING_COMMANDS_TOPIC, ROUTING_LOG_TOPIC, ROUTING_CONFIG_TOPIC, ROUTING_REPLIES_TOPIC];

/**
 * One routing instance: the replica (queries, takeovers), the reply reader, the processor deciding the commands of
 * the partitions it owns, and the gateway in front of them. Framework-free so that tests and benchmarks run several
 * instances in one process; RoutingModule wires one into Nest.
 */
export class RoutingRuntime {
  private readonly logger = new Logger(RoutingRuntime.name);
  readonly replica = new RoutingReplica();
  readonly replies = new CommandReplies();
  readonly processor: RoutingProcessor;
  readonly gateway: RoutingGateway;

  constructor(
    private readonly bus: EventBus,
    private readonly options: RoutingRuntimeOptions = {},
  ) {
    this.processor = new RoutingProcessor(bus, this.replica, {
      instanceId: options.instanceId ?? `${hostname()}-${process.pid}`,
      sessionTimeoutMs: options.sessionTimeoutMs,
    });
    this.gateway = new RoutingGateway(bus, this.replica, this.replies, options.timings);
  }

  async start(): Promise<void> {
    await this.bus.ensureTopics(ROUTING_TOPICS.map((name) => topicDefinitionOf(name)!));
    await this.checkCoPartitioning();
    await this.replica.start(this.bus);
    await this.replies.start(this.bus);
    await this.processor.start();
    if (this.options.seedDemoTenant) {
      const outcome = await seedDemoTenant(this.gateway);
      this.logger.log(outcome === 'seeded' ? 'demo tenant seeded' : 'demo tenant already defined: kept as it is');
    }
  }

  async stop(): Promise<void> {
    await this.processor.stop();
    await this.replies.stop();
    await this.replica.stop();
  }

  /** A routing topic created with another partition count (an older data folder) would split domains: refuse. */
  private async checkCoPartitioning(): Promise<void> {
    const topics = await this.bus.log.listTopics();
    const wrong = topics.filter((t) => ROUTING_TOPICS.includes(t.name) && t.partitions !== ROUTING_PARTITIONS);
    if (wrong.length > 0) {
      throw new Error(
        `routing topics must have ${ROUTING_PARTITIONS} partitions each (co-partitioned), but ` +
          `${wrong.map((t) => `${t.name} has ${t.partitions}`).join(', ')}; recreate them (embedded: delete the data folder)`,
      );
    }
  }
}
