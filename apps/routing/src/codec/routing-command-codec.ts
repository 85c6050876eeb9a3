/**
 * RoutingCommand (libs/acd) <-> the commands of cc.routing.commands.v1 (proto/callcenter/routing/v1/commands.proto).
 * The engine's `at` is occurred_at; domain_id and tenant_id are not in the engine command (the domain is implied).
 */
import {
  type InteractionRequest,
  type OverflowOffer,
  type RemoteOfferOutcome,
  type RoutingCommand,
  type RoutingCommandType,
} from '@cc/acd';
import { agentV1, type EventType, routingV1 } from '@cc/contracts';
import {
  asMessage,
  bool,
  defined,
  EnumMapping,
  num,
  optionalStr,
  requiredMessage,
  requiredStr,
  requiredTime,
  strings,
  toTimestamp,
  unreachable,
} from './codec-support';
import {
  CHANNEL,
  configEventFromOneof,
  configEventToOneof,
  ROUTING_STRATEGY,
  skillRequirementsFromProto,
  skillRequirementToProto,
} from './config-event-codec';

export const INTERACTION_KIND = new EnumMapping<InteractionRequest['kind'], routingV1.InteractionKind>(
  'InteractionKind',
  {
    inbound: routingV1.InteractionKind.INTERACTION_KIND_INBOUND,
    callback: routingV1.InteractionKind.INTERACTION_KIND_CALLBACK,
  },
);

export const REMOTE_OFFER_OUTCOME = new EnumMapping<RemoteOfferOutcome, routingV1.RemoteOfferOutcome>(
  'RemoteOfferOutcome',
  {
    accepted: routingV1.RemoteOfferOutcome.REMOTE_OFFER_OUTCOME_ACCEPTED,
    rejected: routingV1.RemoteOfferOutcome.REMOTE_OFFER_OUTCOME_REJECTED,
    'timed-out': routingV1.RemoteOfferOutcome.REMOTE_OFFER_OUTCOME_TIMED_OUT,
    released: routingV1.RemoteOfferOutcome.REMOTE_OFFER_OUTCOME_RELEASED,
  },
);

const INITIAL_STATE = new EnumMapping<'Available' | 'NotReady', agentV1.AgentState>('AgentState (initial_state)', {
  Available: agentV1.AgentState.AGENT_STATE_AVAILABLE,
  NotReady: agentV1.AgentState.AGENT_STATE_NOT_READY,
});

/** The registered CloudEvents type of each command (topic cc.routing.commands.v1). */
export const ROUTING_COMMAND_TYPES: { readonly [K in RoutingCommandType]: EventType } = {
  ApplyConfig: 'cc.routing.v1.ApplyConfig',
  LogInAgent: 'cc.routing.v1.LogInAgent',
  LogOutAgent: 'cc.routing.v1.LogOutAgent',
  MakeAgentReady: 'cc.routing.v1.MakeAgentReady',
  MakeAgentNotReady: 'cc.routing.v1.MakeAgentNotReady',
  QueueInteraction: 'cc.routing.v1.QueueInteraction',
  AcceptOffer: 'cc.routing.v1.AcceptOffer',
  RejectOffer: 'cc.routing.v1.RejectOffer',
  AbandonInteraction: 'cc.routing.v1.AbandonInteraction',
  CompleteInteraction: 'cc.routing.v1.CompleteInteraction',
  RequestCallback: 'cc.routing.v1.RequestCallback',
  AnnounceWait: 'cc.routing.v1.AnnounceWait',
  AdvanceTime: 'cc.routing.v1.AdvanceTime',
  ReceiveOverflowOffer: 'cc.routing.v1.ReceiveOverflowOffer',
  ReceiveOverflowWithdrawal: 'cc.routing.v1.ReceiveOverflowWithdrawal',
  ReceiveAgentClaim: 'cc.routing.v1.ReceiveAgentClaim',
  ReceiveClaimDecision: 'cc.routing.v1.ReceiveClaimDecision',
  ReceiveRemoteOfferOutcome: 'cc.routing.v1.ReceiveRemoteOfferOutcome',
  ReceiveRemoteCompletion: 'cc.routing.v1.ReceiveRemoteCompletion',
};

export function interactionToProto(interaction: InteractionRequest): routingV1.InteractionRequest {
  return {
    interactionId: interaction.interactionId,
    queueId: interaction.queueId,
    channel: CHANNEL.toProto(interaction.channel),
    kind: INTERACTION_KIND.toProto(interaction.kind),
    customerAddress: interaction.customerAddress ?? '',
    customerId: interaction.customerId ?? '',
    vip: interaction.vip ?? false,
    language: interaction.language ?? '',
    extraSkills: (interaction.extraSkills ?? []).map(skillRequirementToProto),
    priorityBoost: interaction.priorityBoost ?? 0,
  };
}

/** Empty / false / 0 come back as absent (undefined), the proto3 "not set". */
export function interactionFromProto(value: unknown, field: string): InteractionRequest {
  const m = asMessage(value, field);
  const extraSkills = skillRequirementsFromProto(m, 'extraSkills', `${field}.extra_skills`);
  const priorityBoost = num(m, 'priorityBoost', `${field}.priority_boost`);
  return defined<InteractionRequest>({
    interactionId: requiredStr(m, 'interactionId', `${field}.interaction_id`),
    queueId: requiredStr(m, 'queueId', `${field}.queue_id`),
    channel: CHANNEL.fromProto(m, 'channel', `${field}.channel`, 'voice'),
    // "Not set by the producer; treat as INBOUND."
    kind: INTERACTION_KIND.fromProto(m, 'kind', `${field}.kind`, 'inbound'),
    customerAddress: optionalStr(m, 'customerAddress', `${field}.customer_address`),
    customerId: optionalStr(m, 'customerId', `${field}.customer_id`),
    vip: bool(m, 'vip', `${field}.vip`) ? true : undefined,
    language: optionalStr(m, 'language', `${field}.language`),
    extraSkills: extraSkills.length === 0 ? undefined : extraSkills,
    priorityBoost: priorityBoost === 0 ? undefined : priorityBoost,
  });
}

export function overflowOfferToProto(offer: OverflowOffer): routingV1.OverflowOffer {
  return {
    interactionId: offer.interactionId,
    homeDomainId: offer.homeDomainId,
    channel: CHANNEL.toProto(offer.channel),
    queueId: offer.queueId,
    requiredSkills: offer.requiredSkills.map(skillRequirementToProto),
    language: offer.language ?? '',
    agentGroups: [...offer.agentGroups],
    strategy: ROUTING_STRATEGY.toProto(offer.strategy),
    priority: offer.priority,
    agingPointsPerMinute: offer.agingPointsPerMinute,
    enqueuedAt: toTimestamp(offer.enqueuedAt),
    customerAddress: offer.customerAddress ?? '',
    customerId: offer.customerId ?? '',
    vip: offer.vip ?? false,
  };
}

export function overflowOfferFromProto(value: unknown, field: string): OverflowOffer {
  const m = asMessage(value, field);
  return defined<OverflowOffer>({
    interactionId: requiredStr(m, 'interactionId', `${field}.interaction_id`),
    homeDomainId: requiredStr(m, 'homeDomainId', `${field}.home_domain_id`),
    channel: CHANNEL.fromProto(m, 'channel', `${field}.channel`, 'voice'),
    queueId: requiredStr(m, 'queueId', `${field}.queue_id`),
    requiredSkills: skillRequirementsFromProto(m, 'requiredSkills', `${field}.required_skills`),
    language: optionalStr(m, 'language', `${field}.language`),
    agentGroups: strings(m, 'agentGroups', `${field}.agent_groups`),
    strategy: ROUTING_STRATEGY.fromProto(m, 'strategy', `${field}.strategy`),
    priority: num(m, 'priority', `${field}.priority`),
    agingPointsPerMinute: num(m, 'agingPointsPerMinute', `${field}.aging_points_per_minute`),
    enqueuedAt: requiredTime(m, 'enqueuedAt', `${field}.enqueued_at`),
    customerAddress: optionalStr(m, 'customerAddress', `${field}.customer_address`),
    customerId: optionalStr(m, 'customerId', `${field}.customer_id`),
    vip: bool(m, 'vip', `${field}.vip`) ? true : undefined,
  });
}

/** A routing command as published on cc.routing.commands.v1: its registered type and payload message. */
export function toProtoCommand(
  domainId: string,
  tenantId: string,
  command: RoutingCommand,
): { type: EventType; message: unknown } {
  const base = { tenantId, occurredAt: toTimestamp(command.at), domainId, commandId: command.commandId };
  const type = ROUTING_COMMAND_TYPES[command.type];
  switch (command.type) {
    case 'ApplyConfig':
      return { type, message: { ...base, event: configEventToOneof(command.event) } satisfies routingV1.ApplyConfig };
    case 'LogInAgent':
      return {
        type,
        message: {
          ...base,
          agentId: command.agentId,
          extension: command.extension ?? '',
          initialState:
            command.initialState === undefined
              ? agentV1.AgentState.AGENT_STATE_UNSPECIFIED
              : INITIAL_STATE.toProto(command.initialState),
        } satisfies routingV1.LogInAgent,
      };
    case 'LogOutAgent':
      return { type, message: { ...base, agentId: command.agentId } satisfies routingV1.LogOutAgent };
    case 'MakeAgentReady':
      return { type, message: { ...base, agentId: command.agentId } satisfies routingV1.MakeAgentReady };
    case 'MakeAgentNotReady':
      return {
        type,
        message: {
          ...base,
          agentId: command.agentId,
          reasonCode: command.reasonCode,
        } satisfies routingV1.MakeAgentNotReady,
      };
    case 'QueueInteraction':
      return {
        type,
        message: { ...base, interaction: interactionToProto(command.interaction) } satisfies routingV1.QueueInteraction,
      };
    case 'AcceptOffer':
      return {
        type,
        message: {
          ...base,
          interactionId: command.interactionId,
          agentId: command.agentId,
        } satisfies routingV1.AcceptOffer,
      };
    case 'RejectOffer':
      return {
        type,
        message: {
          ...base,
          interactionId: command.interactionId,
          agentId: command.agentId,
        } satisfies routingV1.RejectOffer,
      };
    case 'AbandonInteraction':
      return {
        type,
        message: { ...base, interactionId: command.interactionId } satisfies routingV1.AbandonInteraction,
      };
    case 'CompleteInteraction':
      return {
        type,
        message: { ...base, interactionId: command.interactionId } satisfies routingV1.CompleteInteraction,
      };
    case 'RequestCallback':
      return {
        type,
        message: {
          ...base,
          interactionId: command.interactionId,
          callbackAddress: command.callbackAddress ?? '',
        } satisfies routingV1.RequestCallback,
      };
    case 'AnnounceWait':
      return { type, message: { ...base, interactionId: command.interactionId } satisfies routingV1.AnnounceWait };
    case 'AdvanceTime':
      return { type, message: { ...base } satisfies routingV1.AdvanceTime };
    case 'ReceiveOverflowOffer':
      return {
        type,
        message: { ...base, offer: overflowOfferToProto(command.offer) } satisfies routingV1.ReceiveOverflowOffer,
      };
    case 'ReceiveOverflowWithdrawal':
      return {
        type,
        message: {
          ...base,
          interactionId: command.interactionId,
          homeDomainId: command.homeDomainId,
        } satisfies routingV1.ReceiveOverflowWithdrawal,
      };
    case 'ReceiveAgentClaim':
      return {
        type,
        message: {
          ...base,
          claimId: command.claimId,
          interactionId: command.interactionId,
          agentId: command.agentId,
          agentDomainId: command.agentDomainId,
        } satisfies routingV1.ReceiveAgentClaim,
      };
    case 'ReceiveClaimDecision':
      return {
        type,
        message: {
          ...base,
          homeDomainId: command.homeDomainId,
          claimId: command.claimId,
          interactionId: command.interactionId,
          agentId: command.agentId,
          granted: command.granted,
          ringTimeoutMs: command.ringTimeoutMs,
        } satisfies routingV1.ReceiveClaimDecision,
      };
    case 'ReceiveRemoteOfferOutcome':
      return {
        type,
        message: {
          ...base,
          interactionId: command.interactionId,
          agentId: command.agentId,
          agentDomainId: command.agentDomainId,
          outcome: REMOTE_OFFER_OUTCOME.toProto(command.outcome),
        } satisfies routingV1.ReceiveRemoteOfferOutcome,
      };
    case 'ReceiveRemoteCompletion':
      return {
        type,
        message: {
          ...base,
          homeDomainId: command.homeDomainId,
          interactionId: command.interactionId,
          agentId: command.agentId,
          wrapUpMs: command.wrapUpMs,
        } satisfies routingV1.ReceiveRemoteCompletion,
      };
    default:
      return unreachable(command, 'routing command');
  }
}

/** Inverse of toProtoCommand. Throws on a type that is not a routing command or a malformed message. */
export function fromProtoCommand(type: string, message: unknown): RoutingCommand {
  const commandType = (Object.keys(ROUTING_COMMAND_TYPES) as RoutingCommandType[]).find(
    (key) => ROUTING_COMMAND_TYPES[key] === type,
  );
  if (commandType === undefined) throw new Error(`not a routing command type: "${type}"`);
  const f = commandType;
  const m = asMessage(message, f);
  requiredStr(m, 'tenantId', `${f}.tenant_id`);
  requiredStr(m, 'domainId', `${f}.domain_id`);
  const base = {
    commandId: requiredStr(m, 'commandId', `${f}.command_id`),
    at: requiredTime(m, 'occurredAt', `${f}.occurred_at`),
  };
  const s = (key: string, field: string): string => requiredStr(m, key, `${f}.${field}`);
  switch (commandType) {
    case 'ApplyConfig':
      return {
        ...base,
        type: commandType,
        event: configEventFromOneof(requiredMessage(m, 'event', `${f}.event`), `${f}.event`),
      };
    case 'LogInAgent':
      return defined<RoutingCommand>({
        ...base,
        type: commandType,
        agentId: s('agentId', 'agent_id'),
        extension: optionalStr(m, 'extension', `${f}.extension`),
        // "UNSPECIFIED means AVAILABLE": the engine's undefined, which it reads the same way.
        initialState: INITIAL_STATE.optionalFromProto(m, 'initialState', `${f}.initial_state`),
      });
    case 'LogOutAgent':
      return { ...base, type: commandType, agentId: s('agentId', 'agent_id') };
    case 'MakeAgentReady':
      return { ...base, type: commandType, agentId: s('agentId', 'agent_id') };
    case 'MakeAgentNotReady':
      return {
        ...base,
        type: commandType,
        agentId: s('agentId', 'agent_id'),
        reasonCode: s('reasonCode', 'reason_code'),
      };
    case 'QueueInteraction':
      return {
        ...base,
        type: commandType,
        interaction: interactionFromProto(requiredMessage(m, 'interaction', `${f}.interaction`), `${f}.interaction`),
      };
    case 'AcceptOffer':
    case 'RejectOffer':
      return {
        ...base,
        type: commandType,
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
      };
    case 'AbandonInteraction':
    case 'CompleteInteraction':
    case 'AnnounceWait':
      return { ...base, type: commandType, interactionId: s('interactionId', 'interaction_id') };
    case 'RequestCallback':
      return defined<RoutingCommand>({
        ...base,
        type: commandType,
        interactionId: s('interactionId', 'interaction_id'),
        callbackAddress: optionalStr(m, 'callbackAddress', `${f}.callback_address`),
      });
    case 'AdvanceTime':
      return { ...base, type: commandType };
    case 'ReceiveOverflowOffer':
      return {
        ...base,
        type: commandType,
        offer: overflowOfferFromProto(requiredMessage(m, 'offer', `${f}.offer`), `${f}.offer`),
      };
    case 'ReceiveOverflowWithdrawal':
      return {
        ...base,
        type: commandType,
        interactionId: s('interactionId', 'interaction_id'),
        homeDomainId: s('homeDomainId', 'home_domain_id'),
      };
    case 'ReceiveAgentClaim':
      return {
        ...base,
        type: commandType,
        claimId: s('claimId', 'claim_id'),
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
        agentDomainId: s('agentDomainId', 'agent_domain_id'),
      };
    case 'ReceiveClaimDecision':
      return {
        ...base,
        type: commandType,
        homeDomainId: s('homeDomainId', 'home_domain_id'),
        claimId: s('claimId', 'claim_id'),
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
        granted: bool(m, 'granted', `${f}.granted`),
        ringTimeoutMs: num(m, 'ringTimeoutMs', `${f}.ring_timeout_ms`),
      };
    case 'ReceiveRemoteOfferOutcome':
      return {
        ...base,
        type: commandType,
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
        agentDomainId: s('agentDomainId', 'agent_domain_id'),
        outcome: REMOTE_OFFER_OUTCOME.fromProto(m, 'outcome', `${f}.outcome`),
      };
    case 'ReceiveRemoteCompletion':
      return {
        ...base,
        type: commandType,
        homeDomainId: s('homeDomainId', 'home_domain_id'),
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
        wrapUpMs: num(m, 'wrapUpMs', `${f}.wrap_up_ms`),
      };
    default:
      return unreachable(commandType, 'routing command type');
  }
}
