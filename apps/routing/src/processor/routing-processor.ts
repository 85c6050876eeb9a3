import { randomUUID } from 'node:crypto';
import {
  applyConfigEvent,
  type ConfigCommand,
  type ConfigEvent,
  decideConfig,
  domainMessageOf,
  emptyTenantConfig,
  type EpochMs,
  parseRoutingDomainId,
  type RoutingCommand,
  type RoutingDomainId,
  RoutingEngine,
  routingDomainId,
  type TenantConfig,
} from '@cc/acd';
import {
  eventDefinitionFor,
  ROUTING_COMMANDS_TOPIC,
  RoutingCommandReply,
  RoutingConfigPartitionClaimedEvent,
  RoutingLogPartitionClaimedEvent,
  type routingV1,
} from '@cc/contracts';
import {
  type ConsumedEvent,
  type EventBus,
  type PartitionOutput,
  type PublishRequest,
  type Subscription,
  type TopicPartition,
  type TransactionalOutput,
} from '@cc/event-bus';
import { Logger } from '@nestjs/common';
import { ProtoDecodeError } from '../codec/codec-support';
import { configErrorFieldPath, fromProtoChangeConfig } from '../codec/config-command-codec';
import { toProtoConfigEvent } from '../codec/config-event-codec';
import { fromProtoCommand, toProtoCommand } from '../codec/routing-command-codec';
import { toProtoEvent } from '../codec/routing-event-codec';
import { type RoutingReplica } from '../replica/routing-replica';
import { MARKER_TENANT, markerKeyFor, routingPartitionOf } from '../routing-partitions';
import { acceptedReply, emptyReply, refusedReply, replyBase } from './command-reply';
import { DomainTimers } from './domain-timers';

/** Consumer group (and transactional id prefix) of the routing instances deciding commands. */
export const ROUTING_GROUP = 'routing';
export const CHANGE_CONFIG_TYPE = 'cc.routing.v1.ChangeConfig';

/** What an instance owns of one partition: the domains and the tenant configurations keyed to it. */
interface OwnedPartition {
  domains: Map<RoutingDomainId, RoutingEngine>;
  tenants: Map<string, { config: TenantConfig; events: ConfigEvent[] }>;
}

export interface RoutingProcessorOptions {
  /** Name of this instance in the takeover markers (pod name, host). */
  instanceId: string;
  /** How long a takeover may wait to read its marker back (the copy must catch up with the log). */
  takeoverTimeoutMs?: number;
  /** How soon the group gives a silent instance's partitions to another (default: the adapter's). */
  sessionTimeoutMs?: number;
}

type CommandFields = { tenantId?: string; domainId?: string; commandId?: string };

/**
 * Decides the routing commands of the partitions this instance owns (one consumer-group member of
 * cc.routing.commands.v1). Per command, in one Kafka transaction with the command's offset: the events on
 * cc.routing.log.v1 (or, for a configuration change, cc.routing.config.v1), the messages to other domains and the
 * ApplyConfig of each branch on cc.routing.commands.v1, and the reply on cc.routing.replies.v1.
 *
 * On assignment it fences the former owners, writes a takeover marker to each partition's log and configuration
 * topic, waits until the replica has read them back (so it holds everything committed before), and copies the
 * partition's domains and tenants from it. A batch whose transaction fails leaves the partition's state ahead of the
 * log, so the partition is rebuilt the same way before its next command.
 */
export class RoutingProcessor {
  private readonly logger = new Logger(RoutingProcessor.name);
  private readonly partitions = new Map<number, OwnedPartition>();
  private readonly rebuilding = new Map<number, Promise<OwnedPartition>>();
  private readonly timers = new DomainTimers((domainId, deadline) => this.tick(domainId, deadline));
  private output?: PartitionOutput;
  private subscription?: Subscription;

  constructor(
    private readonly bus: EventBus,
    private readonly replica: RoutingReplica,
    private readonly options: RoutingProcessorOptions,
  ) {}

  async start(): Promise<void> {
    this.subscription = await this.bus.subscribeTransactional(
      {
        groupId: ROUTING_GROUP,
        topics: [ROUTING_COMMANDS_TOPIC],
        transactionalIdPrefix: ROUTING_GROUP,
        sessionTimeoutMs: this.options.sessionTimeoutMs,
        onTransactionalAssignment: (assigned, output) => this.takeOver(assigned, output),
        onBatchDiscarded: (tp) => this.forget(tp.partition),
        // Every command is answered (refusals included); only a broken envelope ends in the dead-letter topic.
        retry: { maxAttempts: 3 },
      },
      (event, output) => this.decide(event, output),
    );
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    this.timers.cancelAll();
    this.partitions.clear();
  }

  /** The live state of a domain this instance decides now (for diagnostics and the fault test). */
  ownedDomain(domainId: RoutingDomainId): RoutingEngine | undefined {
    return this.partitions.get(routingPartitionOf(domainId))?.domains.get(domainId);
  }

  /** Partitions whose domains this instance decides now. */
  ownedPartitions(): number[] {
    return [...this.partitions.keys()].sort((a, b) => a - b);
  }

  private async takeOver(assigned: TopicPartition[], output: PartitionOutput): Promise<void> {
    this.output = output;
    // Whatever was owned before the rebalance may have moved and come back: start again from the log.
    for (const partition of [...this.partitions.keys()]) this.forget(partition);
    const partitions = assigned.filter((tp) => tp.topic === ROUTING_COMMANDS_TOPIC).map((tp) => tp.partition);
    const results = await Promise.allSettled(partitions.map((partition) => this.owned(partition)));
    results.forEach((result, index) => {
      if (result.status === 'rejected') {
        // Retried before the partition's next command.
        this.logger.warn(`taking over partition ${partitions[index]} failed: ${String(result.reason)}`);
      }
    });
  }

  private forget(partition: number): void {
    const owned = this.partitions.get(partition);
    if (owned === undefined) return;
    this.timers.cancel(owned.domains.keys());
    this.partitions.delete(partition);
  }

  private owned(partition: number): Promise<OwnedPartition> {
    const owned = this.partitions.get(partition);
    if (owned !== undefined) return Promise.resolve(owned);
    let rebuilt = this.rebuilding.get(partition);
    if (rebuilt === undefined) {
      rebuilt = this.rebuild(partition).finally(() => this.rebuilding.delete(partition));
      this.rebuilding.set(partition, rebuilt);
    }
    return rebuilt;
  }

  private async rebuild(partition: number): Promise<OwnedPartition> {
    if (this.output === undefined) throw new Error('no partition assigned yet');
    const token = `${this.options.instanceId}:${partition}:${randomUUID()}`;
    const timeoutMs = this.options.takeoverTimeoutMs ?? 60_000;
    const read = Promise.all([
      this.replica.awaitMarker(`${token}/log`, timeoutMs),
      this.replica.awaitMarker(`${token}/config`, timeoutMs),
    ]);
    const marker = (suffix: string) => ({
      tenantId: '',
      occurredAt: new Date(),
      partition,
      instanceId: this.options.instanceId,
      token: `${token}/${suffix}`,
    });
    const key = markerKeyFor(partition);
    await this.output.publish({ topic: ROUTING_COMMANDS_TOPIC, partition }, [
      { event: RoutingLogPartitionClaimedEvent, data: marker('log'), tenantId: MARKER_TENANT, key },
      { event: RoutingConfigPartitionClaimedEvent, data: marker('config'), tenantId: MARKER_TENANT, key },
    ] as PublishRequest<unknown>[]);
    await read;

    const owned: OwnedPartition = { domains: new Map(), tenants: new Map() };
    for (const domainId of this.replica.domainIds()) {
      if (routingPartitionOf(domainId) === partition) {
        owned.domains.set(domainId, RoutingEngine.copyOf(this.replica.domain(domainId)!));
      }
    }
    for (const tenantId of this.replica.tenantIds()) {
      if (routingPartitionOf(tenantId) !== partition) continue;
      const history = this.replica.tenant(tenantId);
      owned.tenants.set(tenantId, { config: history.config, events: [...history.events] });
    }
    this.partitions.set(partition, owned);
    for (const [domainId, engine] of owned.domains) this.timers.schedule(domainId, engine.nextDeadline());
    this.logger.log(
      `took over partition ${partition}: ${owned.domains.size} routing domains, ${owned.tenants.size} tenants`,
    );
    return owned;
  }

  private async decide(event: ConsumedEvent, output: TransactionalOutput): Promise<void> {
    const { envelope } = event;
    const fields = envelope.data as CommandFields;
    const tenantId = fields.tenantId || envelope.tenantId;
    const domainId = fields.domainId || event.key || '';
    const base = replyBase(tenantId, domainId, fields.commandId ?? '', Date.now());
    const reply = (data: routingV1.CommandReply) =>
      output.publish({ event: RoutingCommandReply, data, tenantId, key: domainId, causationId: base.commandId });
    if (!fields.commandId) {
      reply(refusedReply(base, 'invalid-argument', 'command_id is required', 'command_id'));
      return;
    }
    if (routingPartitionOf(domainId) !== event.partition) {
      reply(
        refusedReply(base, 'invalid-argument', `domain_id "${domainId}" does not match the message key`, 'domain_id'),
      );
      return;
    }
    const owned = await this.owned(event.partition);
    if (envelope.type === CHANGE_CONFIG_TYPE) {
      this.decideConfigChange(owned, envelope.data, base, output, reply, envelope.actor);
    } else {
      this.decideRouting(owned, envelope.type, envelope.data, base, output, reply, envelope);
    }
  }

  private decideRouting(
    owned: OwnedPartition,
    type: string,
    data: unknown,
    base: ReturnType<typeof replyBase>,
    output: TransactionalOutput,
    reply: (data: routingV1.CommandReply) => void,
    envelope: { actor?: string; correlationId?: string },
  ): void {
    const { tenantId, domainId } = base;
    let command: RoutingCommand;
    try {
      command = fromProtoCommand(type, data);
    } catch (error) {
      reply(refusedFromDecodeError(base, error));
      return;
    }
    const engine = owned.domains.get(domainId) ?? new RoutingEngine(domainId);
    let decision;
    try {
      decision = engine.execute(command);
    } catch (error) {
      // A domain id that is not "<tenant>/<branch>", or an engine bug: answer rather than retry forever.
      reply(refusedReply(base, 'invalid-argument', String((error as Error).message ?? error), 'domain_id'));
      return;
    }
    if (!decision.ok) {
      reply(refusedReply(base, decision.error.code, decision.error.message));
      return;
    }
    if (decision.events.length > 0) owned.domains.set(domainId, engine);
    for (const event of decision.events) {
      const { type: eventType, message } = toProtoEvent(domainId, tenantId, event);
      output.publish({
        event: eventDefinitionFor(eventType)!,
        data: message,
        tenantId,
        key: domainId,
        causationId: command.commandId,
        correlationId: envelope.correlationId,
        actor: envelope.actor,
        time: new Date(event.at),
      });
      const sent = domainMessageOf(domainId, event);
      if (sent !== undefined) this.publishCommand(output, sent.toDomainId, tenantId, sent.command, command.commandId);
    }
    reply(acceptedReply(base, command, decision.events, decision.duplicate, engine));
    if (owned.domains.has(domainId)) this.timers.schedule(domainId, engine.nextDeadline());
  }

  private decideConfigChange(
    owned: OwnedPartition,
    data: unknown,
    base: ReturnType<typeof replyBase>,
    output: TransactionalOutput,
    reply: (data: routingV1.CommandReply) => void,
    actor: string | undefined,
  ): void {
    const { tenantId, commandId } = base;
    let command: ConfigCommand;
    try {
      command = fromProtoChangeConfig(data);
    } catch (error) {
      reply(refusedFromDecodeError(base, error));
      return;
    }
    const history = owned.tenants.get(tenantId) ?? { config: emptyTenantConfig(tenantId), events: [] };
    const decision = decideConfig(command, history.config);
    if (!decision.ok) {
      const field = configErrorFieldPath(command.type, decision.error.field);
      reply(refusedReply(base, decision.error.code, decision.error.message, field));
      return;
    }
    for (const event of decision.events) {
      const branchesBefore = new Set(Object.keys(history.config.branches));
      history.config = applyConfigEvent(history.config, event);
      history.events.push(event);
      owned.tenants.set(tenantId, history);
      const { type, message } = toProtoConfigEvent(event);
      output.publish({
        event: eventDefinitionFor(type)!,
        data: message,
        tenantId,
        key: tenantId,
        causationId: commandId,
        actor: actor ?? event.actor,
        time: new Date(event.at),
      });
      // Every branch applies every change in version order; a branch that is new gets the history first.
      for (const branchId of Object.keys(history.config.branches)) {
        const toApply = branchesBefore.has(branchId) ? [event] : history.events;
        const domainId = routingDomainId(tenantId, branchId);
        for (const applied of toApply) {
          this.publishCommand(
            output,
            domainId,
            tenantId,
            {
              type: 'ApplyConfig',
              commandId: `${tenantId}:config:${applied.version}>${branchId}`,
              at: event.at,
              event: applied,
            },
            commandId,
          );
        }
      }
    }
    reply(emptyReply({ ...base, eventCount: decision.events.length, configVersion: history.config.version }));
  }

  private publishCommand(
    output: TransactionalOutput,
    domainId: RoutingDomainId,
    tenantId: string,
    command: RoutingCommand,
    causationId: string,
  ): void {
    const { type, message } = toProtoCommand(domainId, tenantId, command);
    output.publish({
      event: eventDefinitionFor(type)!,
      data: message,
      tenantId,
      key: domainId,
      causationId,
      actor: 'system:routing',
      time: new Date(command.at),
    });
  }

  /** A domain's deadline fell due: time enters its log as an AdvanceTime command (idempotent per deadline). */
  private tick(domainId: RoutingDomainId, deadline: EpochMs): void {
    const { tenantId } = parseRoutingDomainId(domainId);
    const command: RoutingCommand = {
      type: 'AdvanceTime',
      commandId: `${domainId}:tick:${deadline}`,
      at: Math.max(Date.now(), deadline),
    };
    const { type, message } = toProtoCommand(domainId, tenantId, command);
    this.bus
      .publish({
        event: eventDefinitionFor(type)!,
        data: message,
        tenantId,
        key: domainId,
        actor: 'system:routing-timer',
      })
      .catch((error: unknown) => {
        this.logger.warn(`tick of ${domainId} not sent (${String(error)}); retrying`);
        setTimeout(() => this.tick(domainId, deadline), 1_000).unref();
      });
  }
}

function refusedFromDecodeError(base: ReturnType<typeof replyBase>, error: unknown): routingV1.CommandReply {
  if (error instanceof ProtoDecodeError) return refusedReply(base, 'invalid-argument', error.message, error.field);
  return refusedReply(base, 'invalid-argument', String((error as Error)?.message ?? error));
}
