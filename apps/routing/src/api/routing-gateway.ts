import { randomUUID } from 'node:crypto';
import {
  agentView,
  type ConfigCommand,
  type InteractionRequest,
  interactionView,
  isTenantDefined,
  queueStatus,
  type RoutingCommand,
  routingDomainId,
  type TenantConfig,
} from '@cc/acd';
import { eventDefinitionFor, RoutingChangeConfigCommand, type routingV1 } from '@cc/contracts';
import { type EventBus } from '@cc/event-bus';
import { toProtoChangeConfig } from '../codec/config-command-codec';
import { toProtoCommand } from '../codec/routing-command-codec';
import { agentViewToProto, interactionViewToProto, queueStatusToProto } from '../codec/view-codec';
import { type RoutingReplica } from '../replica/routing-replica';
import { type CommandReplies } from './command-replies';
import { RoutingApiError } from './routing-api-error';

export interface GatewayTimings {
  /** How long to wait for a reply before sending the same command (same id) again. */
  attemptTimeoutMs: number;
  /** How long to keep trying before answering UNAVAILABLE. */
  deadlineMs: number;
}

const DEFAULT_TIMINGS: GatewayTimings = { attemptTimeoutMs: 5_000, deadlineMs: 30_000 };

/** Who issues a command and with which idempotency key. */
export interface CommandOrigin {
  /** Idempotency key chosen by the caller; a new one when absent. */
  commandId?: string;
  /** "agent:<id>", "supervisor:<id>", "system:<service>". */
  actor?: string;
}

export interface CommandAnswer {
  commandId: string;
  reply: routingV1.CommandReply;
}

/**
 * The routing API's use cases, for the gRPC service and the REST facade alike. Commands go to the routing domain
 * that must decide them (the agent's branch, or the interaction's) on cc.routing.commands.v1, and the answer is the
 * domain's reply; queries read this instance's replica. Errors are RoutingApiError with the routing error code.
 */
export class RoutingGateway {
  private readonly timings: GatewayTimings;

  constructor(
    private readonly bus: EventBus,
    private readonly replica: RoutingReplica,
    private readonly replies: CommandReplies,
    timings: Partial<GatewayTimings> = {},
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
  }

  // Agent state ---------------------------------------------------------------------------------------------------

  async logIn(
    tenantId: string,
    agentId: string,
    options: CommandOrigin & { extension?: string; initialState?: 'Available' | 'NotReady' },
  ): Promise<CommandAnswer> {
    return this.agentCommand(tenantId, agentId, options, (base) => ({
      ...base,
      type: 'LogInAgent',
      agentId,
      extension: options.extension || undefined,
      initialState: options.initialState,
    }));
  }

  async logOut(tenantId: string, agentId: string, origin: CommandOrigin = {}): Promise<CommandAnswer> {
    return this.agentCommand(tenantId, agentId, origin, (base) => ({ ...base, type: 'LogOutAgent', agentId }));
  }

  async makeReady(tenantId: string, agentId: string, origin: CommandOrigin = {}): Promise<CommandAnswer> {
    return this.agentCommand(tenantId, agentId, origin, (base) => ({ ...base, type: 'MakeAgentReady', agentId }));
  }

  async makeNotReady(
    tenantId: string,
    agentId: string,
    reasonCode: string,
    origin: CommandOrigin = {},
  ): Promise<CommandAnswer> {
    requireField(reasonCode, 'reason_code');
    return this.agentCommand(tenantId, agentId, origin, (base) => ({
      ...base,
      type: 'MakeAgentNotReady',
      agentId,
      reasonCode,
    }));
  }

  async acceptOffer(
    tenantId: string,
    agentId: string,
    interactionId: string,
    origin: CommandOrigin = {},
  ): Promise<CommandAnswer> {
    requireField(interactionId, 'interaction_id');
    return this.agentCommand(tenantId, agentId, origin, (base) => ({
      ...base,
      type: 'AcceptOffer',
      agentId,
      interactionId,
    }));
  }

  async rejectOffer(
    tenantId: string,
    agentId: string,
    interactionId: string,
    origin: CommandOrigin = {},
  ): Promise<CommandAnswer> {
    requireField(interactionId, 'interaction_id');
    return this.agentCommand(tenantId, agentId, origin, (base) => ({
      ...base,
      type: 'RejectOffer',
      agentId,
      interactionId,
    }));
  }

  // Interactions --------------------------------------------------------------------------------------------------

  async queueInteraction(
    tenantId: string,
    branchId: string,
    interaction: InteractionRequest,
    origin: CommandOrigin = {},
  ): Promise<CommandAnswer> {
    requireField(interaction.interactionId, 'interaction.interaction_id');
    requireField(interaction.queueId, 'interaction.queue_id');
    return this.interactionCommand(tenantId, branchId, origin, (base) => ({
      ...base,
      type: 'QueueInteraction',
      interaction,
    }));
  }

  async abandon(
    tenantId: string,
    branchId: string,
    interactionId: string,
    origin: CommandOrigin = {},
  ): Promise<CommandAnswer> {
    requireField(interactionId, 'interaction_id');
    return this.interactionCommand(tenantId, branchId, origin, (base) => ({
      ...base,
      type: 'AbandonInteraction',
      interactionId,
    }));
  }

  async complete(
    tenantId: string,
    branchId: string,
    interactionId: string,
    origin: CommandOrigin = {},
  ): Promise<CommandAnswer> {
    requireField(interactionId, 'interaction_id');
    return this.interactionCommand(tenantId, branchId, origin, (base) => ({
      ...base,
      type: 'CompleteInteraction',
      interactionId,
    }));
  }

  async requestCallback(
    tenantId: string,
    branchId: string,
    interactionId: string,
    callbackAddress: string | undefined,
    origin: CommandOrigin = {},
  ): Promise<CommandAnswer> {
    requireField(interactionId, 'interaction_id');
    return this.interactionCommand(tenantId, branchId, origin, (base) => ({
      ...base,
      type: 'RequestCallback',
      interactionId,
      callbackAddress: callbackAddress || undefined,
    }));
  }

  async announceWait(
    tenantId: string,
    branchId: string,
    interactionId: string,
    origin: CommandOrigin = {},
  ): Promise<CommandAnswer> {
    requireField(interactionId, 'interaction_id');
    return this.interactionCommand(tenantId, branchId, origin, (base) => ({
      ...base,
      type: 'AnnounceWait',
      interactionId,
    }));
  }

  // Configuration -------------------------------------------------------------------------------------------------

  /** Decides a configuration change; resolves with the version and the configuration once this replica has it. */
  async changeConfig(
    command: ConfigCommand,
    origin: Pick<CommandOrigin, 'commandId'> = {},
  ): Promise<{ commandId: string; version: number; config: TenantConfig }> {
    requireField(command.tenantId, 'tenant_id');
    const commandId = origin.commandId || randomUUID();
    const message = toProtoChangeConfig(command, commandId);
    const reply = await this.send(commandId, () =>
      this.bus.publish({
        event: RoutingChangeConfigCommand,
        data: message,
        tenantId: command.tenantId,
        key: command.tenantId,
        actor: command.actor,
      }),
    );
    await this.replica
      .awaitConfigVersion(command.tenantId, Number(reply.configVersion), this.timings.deadlineMs)
      .catch((error: unknown) => {
        throw new RoutingApiError('unavailable', `The change was made but is not readable yet: ${String(error)}`);
      });
    return { commandId, version: Number(reply.configVersion), config: this.replica.tenant(command.tenantId).config };
  }

  // Queries -------------------------------------------------------------------------------------------------------

  tenantConfig(tenantId: string): TenantConfig {
    requireField(tenantId, 'tenant_id');
    return this.replica.tenant(tenantId).config;
  }

  agentStatus(tenantId: string, agentId: string): routingV1.AgentView {
    const profile = this.agentProfile(tenantId, agentId);
    const engine = this.replica.domain(routingDomainId(tenantId, profile.branchId));
    return agentViewToProto(agentId, profile.branchId, engine && agentView(engine.state, agentId));
  }

  queueStatus(tenantId: string, queueId: string): routingV1.QueueStatus {
    const config = this.definedTenant(tenantId);
    requireField(queueId, 'queue_id');
    const queue = config.queues[queueId];
    if (queue === undefined) throw new RoutingApiError('unknown-queue', `There is no queue "${queueId}".`);
    return this.statusOf(tenantId, queue.branchId, queueId);
  }

  listQueueStatus(tenantId: string, branchId?: string): routingV1.QueueStatus[] {
    const config = this.definedTenant(tenantId);
    if (branchId && config.branches[branchId] === undefined) {
      throw new RoutingApiError('unknown-branch', `There is no branch "${branchId}".`);
    }
    return Object.values(config.queues)
      .filter((queue) => !branchId || queue.branchId === branchId)
      .sort((a, b) => a.branchId.localeCompare(b.branchId) || a.queueId.localeCompare(b.queueId))
      .map((queue) => this.statusOf(tenantId, queue.branchId, queue.queueId));
  }

  interaction(tenantId: string, branchId: string, interactionId: string): routingV1.InteractionView {
    this.definedBranch(tenantId, branchId);
    requireField(interactionId, 'interaction_id');
    const engine = this.replica.domain(routingDomainId(tenantId, branchId));
    const now = Math.max(Date.now(), engine?.state.now ?? 0);
    const view = engine && interactionView(engine.state, interactionId, now);
    if (view === undefined) {
      throw new RoutingApiError(
        'unknown-interaction',
        `Interaction "${interactionId}" is not being routed in ${branchId}.`,
      );
    }
    return interactionViewToProto(view, now);
  }

  // Plumbing ------------------------------------------------------------------------------------------------------

  private statusOf(tenantId: string, branchId: string, queueId: string): routingV1.QueueStatus {
    const engine = this.replica.domain(routingDomainId(tenantId, branchId));
    const now = Math.max(Date.now(), engine?.state.now ?? 0);
    const status = engine && queueStatus(engine.state, queueId, now);
    if (status === undefined) {
      throw new RoutingApiError('unavailable', `Queue "${queueId}" is not known to its branch yet; retry shortly.`);
    }
    return queueStatusToProto(status, now);
  }

  private agentCommand(
    tenantId: string,
    agentId: string,
    origin: CommandOrigin,
    build: (base: { commandId: string; at: number }) => RoutingCommand,
  ): Promise<CommandAnswer> {
    const profile = this.agentProfile(tenantId, agentId);
    return this.routingCommand(tenantId, profile.branchId, origin, build);
  }

  private interactionCommand(
    tenantId: string,
    branchId: string,
    origin: CommandOrigin,
    build: (base: { commandId: string; at: number }) => RoutingCommand,
  ): Promise<CommandAnswer> {
    this.definedBranch(tenantId, branchId);
    return this.routingCommand(tenantId, branchId, origin, build);
  }

  private async routingCommand(
    tenantId: string,
    branchId: string,
    origin: CommandOrigin,
    build: (base: { commandId: string; at: number }) => RoutingCommand,
  ): Promise<CommandAnswer> {
    const commandId = origin.commandId || randomUUID();
    const domainId = routingDomainId(tenantId, branchId);
    const { type, message } = toProtoCommand(domainId, tenantId, build({ commandId, at: Date.now() }));
    const reply = await this.send(commandId, () =>
      this.bus.publish({
        event: eventDefinitionFor(type)!,
        data: message,
        tenantId,
        key: domainId,
        actor: origin.actor,
      }),
    );
    // Decided and committed; a replica slower than the reply only delays what queries show, so do not fail on it.
    await this.replica
      .awaitCommand(domainId, commandId, reply.eventCount, this.timings.attemptTimeoutMs)
      .catch(() => undefined);
    return { commandId, reply };
  }

  /**
   * Sends until a reply comes: the same command id every time, so a command that was decided but whose reply was
   * missed (or that waited for a partition to move) is acknowledged again rather than acted on twice.
   */
  private async send(commandId: string, publish: () => Promise<unknown>): Promise<routingV1.CommandReply> {
    const deadline = Date.now() + this.timings.deadlineMs;
    while (Date.now() < deadline) {
      const waiting = this.replies.waitFor(commandId, Math.min(this.timings.attemptTimeoutMs, deadline - Date.now()));
      await publish();
      const reply = await waiting;
      if (reply === undefined) continue;
      if (!reply.accepted)
        throw new RoutingApiError(reply.errorCode, reply.errorMessage, reply.errorField || undefined);
      return reply;
    }
    throw new RoutingApiError(
      'unavailable',
      `No routing instance decided command ${commandId} within ${this.timings.deadlineMs} ms; retry with the same command_id.`,
    );
  }

  private definedTenant(tenantId: string): TenantConfig {
    requireField(tenantId, 'tenant_id');
    const config = this.replica.tenant(tenantId).config;
    if (!isTenantDefined(config)) throw new RoutingApiError('unknown-tenant', `There is no tenant "${tenantId}".`);
    return config;
  }

  private definedBranch(tenantId: string, branchId: string): void {
    const config = this.definedTenant(tenantId);
    requireField(branchId, 'branch_id');
    if (config.branches[branchId] === undefined) {
      throw new RoutingApiError('unknown-branch', `There is no branch "${branchId}".`);
    }
  }

  private agentProfile(tenantId: string, agentId: string): { branchId: string } {
    const config = this.definedTenant(tenantId);
    requireField(agentId, 'agent_id');
    const profile = config.agents[agentId];
    if (profile === undefined) throw new RoutingApiError('unknown-agent', `There is no agent "${agentId}".`);
    return profile;
  }
}

function requireField(value: string | undefined, field: string): void {
  if (value === undefined || value.trim() === '') {
    throw new RoutingApiError('missing-field', `${field} is required.`, field);
  }
}
