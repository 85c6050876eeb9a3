import { randomUUID } from 'node:crypto';
import {
  applyConfigEvent,
  type ConfigEvent,
  emptyTenantConfig,
  type RoutingDomainId,
  RoutingEngine,
  type RoutingEvent,
  type TenantConfig,
} from '@cc/acd';
import { ROUTING_CONFIG_TOPIC, ROUTING_LOG_TOPIC, topicDefinitionOf } from '@cc/contracts';
import { type EventBus, type LogRecord, type Subscription } from '@cc/event-bus';
import { Logger } from '@nestjs/common';
import { fromProtoConfigEvent } from '../codec/config-event-codec';
import { fromProtoEvent } from '../codec/routing-event-codec';
import { PARTITION_CLAIMED_TYPES } from '../routing-partitions';

/** A tenant's configuration and the events that made it, in version order. */
export interface TenantConfigHistory {
  readonly config: TenantConfig;
  readonly events: readonly ConfigEvent[];
}

interface VersionWaiter {
  version: number;
  resolve: () => void;
}

/**
 * This instance's copy of every routing domain and tenant configuration, rebuilt by reading cc.routing.log.v1 and
 * cc.routing.config.v1 from offset zero and kept current by tailing them (read committed). It answers the queries
 * of the routing API on any instance, and it is where an instance taking over a partition copies the state of its
 * domains from, once it has read back the takeover marker it wrote (see RoutingProcessor).
 */
export class RoutingReplica {
  private readonly logger = new Logger(RoutingReplica.name);
  private readonly domains = new Map<RoutingDomainId, RoutingEngine>();
  private readonly tenants = new Map<string, TenantConfigHistory>();
  private readonly seenMarkers = new Set<string>();
  private readonly markerWaiters = new Map<string, () => void>();
  private readonly versionWaiters = new Map<string, VersionWaiter[]>();
  private readonly commandWaiters = new Map<string, { remaining: number; resolve: () => void }>();
  private readonly listeners = new Set<(domainId: RoutingDomainId, event: RoutingEvent) => void>();
  private subscription?: Subscription;

  async start(bus: EventBus): Promise<void> {
    await bus.ensureTopics([ROUTING_LOG_TOPIC, ROUTING_CONFIG_TOPIC].map((name) => topicDefinitionOf(name)!));
    // A group of its own with nothing ever committed: every start reads both topics from the beginning.
    this.subscription = await bus.consume(
      {
        groupId: `routing-replica.${randomUUID()}`,
        topics: [ROUTING_LOG_TOPIC, ROUTING_CONFIG_TOPIC],
        startFrom: 'earliest',
      },
      async (batch) => {
        for (const record of batch.records) this.applyRecord(bus, record);
      },
    );
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Calls `listener` with every routing decision this copy applies, as it applies it; returns the unsubscribe. */
  onEvent(listener: (domainId: RoutingDomainId, event: RoutingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  domain(domainId: RoutingDomainId): RoutingEngine | undefined {
    return this.domains.get(domainId);
  }

  domainIds(): RoutingDomainId[] {
    return [...this.domains.keys()];
  }

  tenant(tenantId: string): TenantConfigHistory {
    return this.tenants.get(tenantId) ?? { config: emptyTenantConfig(tenantId), events: [] };
  }

  tenantIds(): string[] {
    return [...this.tenants.keys()];
  }

  /** Resolves once the marker with this token has been read (everything committed before it has been applied). */
  awaitMarker(token: string, timeoutMs: number): Promise<void> {
    if (this.seenMarkers.delete(token)) return Promise.resolve();
    return withTimeout(
      new Promise<void>((resolve) => this.markerWaiters.set(token, resolve)),
      timeoutMs,
      `takeover marker ${token} not read back within ${timeoutMs} ms`,
      () => this.markerWaiters.delete(token),
    );
  }

  /**
   * Resolves once the `eventCount` events a domain wrote for a command have been applied here, so that a query
   * after a command sees what the command did (read your writes).
   */
  awaitCommand(domainId: RoutingDomainId, commandId: string, eventCount: number, timeoutMs: number): Promise<void> {
    if (eventCount <= 0 || this.domains.get(domainId)?.state.handledCommands.has(commandId)) return Promise.resolve();
    return withTimeout(
      new Promise<void>((resolve) => this.commandWaiters.set(commandId, { remaining: eventCount, resolve })),
      timeoutMs,
      `the events of command ${commandId} not read within ${timeoutMs} ms`,
      () => this.commandWaiters.delete(commandId),
    );
  }

  /** Resolves once the tenant's configuration has reached `version`. */
  awaitConfigVersion(tenantId: string, version: number, timeoutMs: number): Promise<void> {
    if (this.tenant(tenantId).config.version >= version) return Promise.resolve();
    const waiters = this.versionWaiters.get(tenantId) ?? [];
    this.versionWaiters.set(tenantId, waiters);
    let waiter: VersionWaiter | undefined;
    return withTimeout(
      new Promise<void>((resolve) => {
        waiter = { version, resolve };
        waiters.push(waiter);
      }),
      timeoutMs,
      `configuration version ${version} of ${tenantId} not read within ${timeoutMs} ms`,
      () => waiters.splice(waiters.indexOf(waiter!), 1),
    );
  }

  private applyRecord(bus: EventBus, record: LogRecord): void {
    try {
      const { envelope } = bus.codec.decode(record);
      if (PARTITION_CLAIMED_TYPES.has(envelope.type)) {
        this.markerRead((envelope.data as { token: string }).token);
      } else if (record.topic === ROUTING_LOG_TOPIC) {
        const domainId = (envelope.data as { domainId: string }).domainId;
        let engine = this.domains.get(domainId);
        if (engine === undefined) {
          engine = new RoutingEngine(domainId);
          this.domains.set(domainId, engine);
        }
        const event = fromProtoEvent(envelope.type, envelope.data);
        engine.apply(event);
        this.eventApplied(event.commandId);
        for (const listener of this.listeners) listener(domainId, event);
      } else {
        this.configEventRead(fromProtoConfigEvent(envelope.type, envelope.data));
      }
    } catch (error) {
      // The owner wrote it, so it decoded there; a record this copy cannot read is a bug to see, not to stop on.
      this.logger.error(`cannot apply ${record.topic}/${record.partition}@${record.offset}: ${String(error)}`);
    }
  }

  private eventApplied(commandId: string): void {
    const waiter = this.commandWaiters.get(commandId);
    if (waiter === undefined || --waiter.remaining > 0) return;
    this.commandWaiters.delete(commandId);
    waiter.resolve();
  }

  private markerRead(token: string): void {
    const waiter = this.markerWaiters.get(token);
    if (waiter === undefined) {
      this.seenMarkers.add(token);
      return;
    }
    this.markerWaiters.delete(token);
    waiter();
  }

  private configEventRead(event: ConfigEvent): void {
    const history = this.tenant(event.tenantId);
    // Versions are consecutive by construction (one owner per tenant); anything else was written by a fenced owner.
    if (event.version !== history.config.version + 1) return;
    const events = history.events as ConfigEvent[];
    events.push(event);
    this.tenants.set(event.tenantId, { config: applyConfigEvent(history.config, event), events });
    const waiters = this.versionWaiters.get(event.tenantId);
    if (waiters === undefined) return;
    for (const waiter of waiters.filter((w) => w.version <= event.version)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(message));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
