/**
 * ConfigEvent (libs/acd) <-> callcenter.routing.v1 configuration messages (proto/callcenter/routing/v1/config.proto):
 * the events of cc.routing.config.v1 (one registered type per event) and the ConfigEvent oneof carried inside
 * ApplyConfig and ConfigApplied. Also the configuration types shared by the command and event codecs.
 */
import {
  type AgentProfile,
  type BranchConfig,
  CHANNELS,
  type Channel,
  type ConfigEvent,
  type ConfigEventType,
  type ExpansionAction,
  type NotReadyReason,
  type OverflowAction,
  type PartnerConfig,
  type QueueConfig,
  type RoutingStrategy,
  type SkillConfig,
  type SkillRequirement,
  type TargetExpansionStep,
  type WaitPredictorChoice,
} from '@cc/acd';
import { type agentV1, commonV1, type EventType, routingV1 } from '@cc/contracts';
import {
  asMessage,
  defined,
  EnumMapping,
  messages,
  num,
  optionalMessage,
  optionalStr,
  ProtoDecodeError,
  requiredMessage,
  requiredStr,
  requiredTime,
  str,
  strings,
  toTimestamp,
  unreachable,
} from './codec-support';

type Msg = Record<string, unknown>;

export const CHANNEL = new EnumMapping<Channel, commonV1.Channel>('Channel', {
  voice: commonV1.Channel.CHANNEL_VOICE,
  chat: commonV1.Channel.CHANNEL_CHAT,
  email: commonV1.Channel.CHANNEL_EMAIL,
  sms: commonV1.Channel.CHANNEL_SMS,
});

export const ROUTING_STRATEGY = new EnumMapping<RoutingStrategy, routingV1.RoutingStrategy>('RoutingStrategy', {
  'longest-idle': routingV1.RoutingStrategy.ROUTING_STRATEGY_LONGEST_IDLE,
  'most-skilled': routingV1.RoutingStrategy.ROUTING_STRATEGY_MOST_SKILLED,
  'least-occupied': routingV1.RoutingStrategy.ROUTING_STRATEGY_LEAST_OCCUPIED,
  'round-robin': routingV1.RoutingStrategy.ROUTING_STRATEGY_ROUND_ROBIN,
  'fewest-calls-today': routingV1.RoutingStrategy.ROUTING_STRATEGY_FEWEST_CALLS_TODAY,
});

export const WAIT_PREDICTOR_CHOICE = new EnumMapping<WaitPredictorChoice, routingV1.WaitPredictorChoice>(
  'WaitPredictorChoice',
  {
    auto: routingV1.WaitPredictorChoice.WAIT_PREDICTOR_CHOICE_AUTO,
    'queue-length': routingV1.WaitPredictorChoice.WAIT_PREDICTOR_CHOICE_QUEUE_LENGTH,
    'head-of-line': routingV1.WaitPredictorChoice.WAIT_PREDICTOR_CHOICE_HEAD_OF_LINE,
    'last-to-enter-service': routingV1.WaitPredictorChoice.WAIT_PREDICTOR_CHOICE_LAST_TO_ENTER_SERVICE,
  },
);

/** The registered CloudEvents type of a configuration event (topic cc.routing.config.v1). */
export const CONFIG_EVENT_TYPES: { readonly [K in ConfigEventType]: EventType } = {
  TenantDefined: 'cc.routing.v1.TenantDefined',
  BranchDefined: 'cc.routing.v1.BranchDefined',
  SkillDefined: 'cc.routing.v1.SkillDefined',
  PartnerDefined: 'cc.routing.v1.PartnerDefined',
  NotReadyReasonDefined: 'cc.routing.v1.NotReadyReasonDefined',
  QueueDefined: 'cc.routing.v1.QueueDefined',
  QueueRemoved: 'cc.routing.v1.QueueRemoved',
  AgentDefined: 'cc.routing.v1.AgentDefined',
  AgentRemoved: 'cc.routing.v1.AgentRemoved',
  AgentSkillsChanged: 'cc.routing.v1.AgentSkillsChanged',
  AgentGroupsChanged: 'cc.routing.v1.AgentGroupsChanged',
};

/** The field of the ConfigEvent oneof that carries each event type. */
const ONEOF_FIELD = {
  TenantDefined: 'tenantDefined',
  BranchDefined: 'branchDefined',
  SkillDefined: 'skillDefined',
  PartnerDefined: 'partnerDefined',
  NotReadyReasonDefined: 'notReadyReasonDefined',
  QueueDefined: 'queueDefined',
  QueueRemoved: 'queueRemoved',
  AgentDefined: 'agentDefined',
  AgentRemoved: 'agentRemoved',
  AgentSkillsChanged: 'agentSkillsChanged',
  AgentGroupsChanged: 'agentGroupsChanged',
} as const satisfies { readonly [K in ConfigEventType]: keyof routingV1.ConfigEvent };

// ---------------------------------------------------------------------------------------------------------------
// Shared configuration types
// ---------------------------------------------------------------------------------------------------------------

export function skillRequirementToProto(requirement: SkillRequirement): routingV1.SkillRequirement {
  return { skillId: requirement.skillId, minLevel: requirement.minLevel };
}

export function skillRequirementFromProto(value: unknown, field: string): SkillRequirement {
  const m = asMessage(value, field);
  return {
    skillId: requiredStr(m, 'skillId', `${field}.skill_id`),
    minLevel: num(m, 'minLevel', `${field}.min_level`),
  };
}

export function skillRequirementsFromProto(parent: Msg, key: string, field: string): SkillRequirement[] {
  return messages(parent, key, field).map((item, index) => skillRequirementFromProto(item, `${field}[${index}]`));
}

export function overflowActionToProto(action: OverflowAction): routingV1.OverflowAction {
  switch (action.kind) {
    case 'branches':
      return { branches: { branchIds: [...action.branchIds] } };
    case 'queue':
      return { queue: { queueId: action.queueId } };
    case 'partner':
      return { partner: { partnerId: action.partnerId } };
    case 'voicemail':
      return { voicemail: {} };
    case 'callback':
      return { callback: {} };
    default:
      return unreachable(action, 'overflow action');
  }
}

export function overflowActionFromProto(value: unknown, field: string): OverflowAction {
  const m = asMessage(value, field);
  const set = (['branches', 'queue', 'partner', 'voicemail', 'callback'] as const).filter(
    (key) => m[key] !== undefined && m[key] !== null,
  );
  if (set.length !== 1)
    throw new ProtoDecodeError(`${field}.action`, `exactly one action must be set, got ${set.length}`);
  const kind = set[0]!;
  const inner = requiredMessage(m, kind, `${field}.${kind}`);
  switch (kind) {
    case 'branches':
      return { kind, branchIds: strings(inner, 'branchIds', `${field}.branches.branch_ids`) };
    case 'queue':
      return { kind, queueId: requiredStr(inner, 'queueId', `${field}.queue.queue_id`) };
    case 'partner':
      return { kind, partnerId: requiredStr(inner, 'partnerId', `${field}.partner.partner_id`) };
    case 'voicemail':
      return { kind };
    case 'callback':
      return { kind };
    default:
      return unreachable(kind, 'overflow action');
  }
}

export function expansionStepToProto(step: TargetExpansionStep): routingV1.TargetExpansionStep {
  const action: ExpansionAction = step.action;
  if (action.kind === 'relax-skill-levels') {
    return { afterMs: step.afterMs, relaxSkillLevels: { minLevel: action.minLevel } };
  }
  return { afterMs: step.afterMs, overflow: overflowActionToProto(action) };
}

export function expansionStepFromProto(m: Msg, field: string): TargetExpansionStep {
  const afterMs = num(m, 'afterMs', `${field}.after_ms`);
  const relax = optionalMessage(m, 'relaxSkillLevels', `${field}.relax_skill_levels`);
  const overflow = optionalMessage(m, 'overflow', `${field}.overflow`);
  if ((relax === undefined) === (overflow === undefined)) {
    throw new ProtoDecodeError(`${field}.action`, 'exactly one of relax_skill_levels and overflow must be set');
  }
  if (relax !== undefined) {
    return {
      afterMs,
      action: { kind: 'relax-skill-levels', minLevel: num(relax, 'minLevel', `${field}.relax_skill_levels.min_level`) },
    };
  }
  return { afterMs, action: overflowActionFromProto(overflow, `${field}.overflow`) };
}

export function queueToProto(queue: QueueConfig): routingV1.QueueConfig {
  return {
    queueId: queue.queueId,
    branchId: queue.branchId,
    name: queue.name,
    channel: CHANNEL.toProto(queue.channel),
    requiredSkills: queue.requiredSkills.map(skillRequirementToProto),
    language: queue.language ?? '',
    agentGroups: [...queue.agentGroups],
    strategy: ROUTING_STRATEGY.toProto(queue.strategy),
    priority: queue.priority,
    agingPointsPerMinute: queue.agingPointsPerMinute,
    vipPriorityBoost: queue.vipPriorityBoost,
    serviceLevel: { thresholdMs: queue.serviceLevel.thresholdMs, targetPercent: queue.serviceLevel.targetPercent },
    shortAbandonMs: queue.shortAbandonMs,
    wrapUpMs: queue.wrapUpMs,
    ringTimeoutMs: queue.ringTimeoutMs,
    stickyAgentWaitMs: queue.stickyAgentWaitMs,
    expansion: queue.expansion.map(expansionStepToProto),
    whenNoAgentLoggedIn:
      queue.whenNoAgentLoggedIn === undefined ? undefined : overflowActionToProto(queue.whenNoAgentLoggedIn),
    whenEstimatedWaitAbove:
      queue.whenEstimatedWaitAbove === undefined
        ? undefined
        : {
            thresholdMs: queue.whenEstimatedWaitAbove.thresholdMs,
            action: overflowActionToProto(queue.whenEstimatedWaitAbove.action),
          },
    waitPredictor: WAIT_PREDICTOR_CHOICE.toProto(queue.waitPredictor),
  };
}

/**
 * The fields of a QueueConfig message that read the same in an event and in a definition to decide: everything
 * but the ids, the enums and the service level, whose "not set" differs (an event always carries them).
 */
export function queueBodyFromProto(
  m: Msg,
  field: string,
): Omit<QueueConfig, 'queueId' | 'branchId' | 'channel' | 'strategy' | 'serviceLevel' | 'waitPredictor'> {
  const noAgent = optionalMessage(m, 'whenNoAgentLoggedIn', `${field}.when_no_agent_logged_in`);
  const waitAbove = optionalMessage(m, 'whenEstimatedWaitAbove', `${field}.when_estimated_wait_above`);
  return defined({
    name: str(m, 'name', `${field}.name`),
    requiredSkills: skillRequirementsFromProto(m, 'requiredSkills', `${field}.required_skills`),
    language: optionalStr(m, 'language', `${field}.language`),
    agentGroups: strings(m, 'agentGroups', `${field}.agent_groups`),
    priority: num(m, 'priority', `${field}.priority`),
    agingPointsPerMinute: num(m, 'agingPointsPerMinute', `${field}.aging_points_per_minute`),
    vipPriorityBoost: num(m, 'vipPriorityBoost', `${field}.vip_priority_boost`),
    shortAbandonMs: num(m, 'shortAbandonMs', `${field}.short_abandon_ms`),
    wrapUpMs: num(m, 'wrapUpMs', `${field}.wrap_up_ms`),
    ringTimeoutMs: num(m, 'ringTimeoutMs', `${field}.ring_timeout_ms`),
    stickyAgentWaitMs: num(m, 'stickyAgentWaitMs', `${field}.sticky_agent_wait_ms`),
    expansion: messages(m, 'expansion', `${field}.expansion`).map((step, index) =>
      expansionStepFromProto(step, `${field}.expansion[${index}]`),
    ),
    whenNoAgentLoggedIn:
      noAgent === undefined ? undefined : overflowActionFromProto(noAgent, `${field}.when_no_agent_logged_in`),
    whenEstimatedWaitAbove:
      waitAbove === undefined
        ? undefined
        : {
            thresholdMs: num(waitAbove, 'thresholdMs', `${field}.when_estimated_wait_above.threshold_ms`),
            action: overflowActionFromProto(
              requiredMessage(waitAbove, 'action', `${field}.when_estimated_wait_above.action`),
              `${field}.when_estimated_wait_above.action`,
            ),
          },
  });
}

export function serviceLevelFromProto(m: Msg, field: string): QueueConfig['serviceLevel'] {
  return {
    thresholdMs: num(m, 'thresholdMs', `${field}.threshold_ms`),
    targetPercent: num(m, 'targetPercent', `${field}.target_percent`),
  };
}

export function queueFromProto(value: unknown, field: string): QueueConfig {
  const m = asMessage(value, field);
  return {
    queueId: requiredStr(m, 'queueId', `${field}.queue_id`),
    branchId: requiredStr(m, 'branchId', `${field}.branch_id`),
    // Events always carry the channel; UNSPECIFIED means VOICE (config.proto).
    channel: CHANNEL.fromProto(m, 'channel', `${field}.channel`, 'voice'),
    // "Never written on events": UNSPECIFIED is an error here.
    strategy: ROUTING_STRATEGY.fromProto(m, 'strategy', `${field}.strategy`),
    serviceLevel: serviceLevelFromProto(
      requiredMessage(m, 'serviceLevel', `${field}.service_level`),
      `${field}.service_level`,
    ),
    waitPredictor: WAIT_PREDICTOR_CHOICE.fromProto(m, 'waitPredictor', `${field}.wait_predictor`),
    ...queueBodyFromProto(m, field),
  };
}

/** skillId -> level as repeated AgentSkill, sorted by skill_id (as the .proto asks). */
export function skillsToProto(skills: Record<string, number>): agentV1.AgentSkill[] {
  return Object.keys(skills)
    .sort()
    .map((skillId) => ({ skillId, level: skills[skillId]! }));
}

export function skillsFromProto(parent: Msg, key: string, field: string): Record<string, number> {
  const skills: Record<string, number> = {};
  messages(parent, key, field).forEach((skill, index) => {
    const skillId = requiredStr(skill, 'skillId', `${field}[${index}].skill_id`);
    if (skillId in skills) throw new ProtoDecodeError(`${field}[${index}].skill_id`, `"${skillId}" appears twice`);
    skills[skillId] = num(skill, 'level', `${field}[${index}].level`);
  });
  return skills;
}

export function agentToProto(agent: AgentProfile): routingV1.AgentProfile {
  return {
    agentId: agent.agentId,
    branchId: agent.branchId,
    name: agent.name,
    skills: skillsToProto(agent.skills),
    languages: [...agent.languages],
    groups: [...agent.groups],
    capacity: CHANNELS.filter((channel) => agent.capacity[channel] !== undefined).map((channel) => ({
      channel: CHANNEL.toProto(channel),
      maxInteractions: agent.capacity[channel]!,
    })),
  };
}

export function agentFromProto(value: unknown, field: string): AgentProfile {
  const m = asMessage(value, field);
  const capacity: Partial<Record<Channel, number>> = {};
  messages(m, 'capacity', `${field}.capacity`).forEach((entry, index) => {
    const channel = CHANNEL.fromProto(entry, 'channel', `${field}.capacity[${index}].channel`);
    if (capacity[channel] !== undefined) {
      throw new ProtoDecodeError(`${field}.capacity[${index}].channel`, `${channel} appears twice`);
    }
    capacity[channel] = num(entry, 'maxInteractions', `${field}.capacity[${index}].max_interactions`);
  });
  return {
    agentId: requiredStr(m, 'agentId', `${field}.agent_id`),
    branchId: requiredStr(m, 'branchId', `${field}.branch_id`),
    name: str(m, 'name', `${field}.name`),
    skills: skillsFromProto(m, 'skills', `${field}.skills`),
    languages: strings(m, 'languages', `${field}.languages`),
    groups: strings(m, 'groups', `${field}.groups`),
    capacity,
  };
}

export function branchFromProto(m: Msg, field: string): BranchConfig {
  return {
    branchId: requiredStr(m, 'branchId', `${field}.branch_id`),
    name: str(m, 'name', `${field}.name`),
    timeZone: str(m, 'timeZone', `${field}.time_zone`),
  };
}

export function skillFromProto(m: Msg, field: string): SkillConfig {
  return { skillId: requiredStr(m, 'skillId', `${field}.skill_id`), name: str(m, 'name', `${field}.name`) };
}

export function partnerFromProto(m: Msg, field: string): PartnerConfig {
  return {
    partnerId: requiredStr(m, 'partnerId', `${field}.partner_id`),
    name: str(m, 'name', `${field}.name`),
    trunkUri: str(m, 'trunkUri', `${field}.trunk_uri`),
  };
}

export function reasonFromProto(m: Msg, field: string): NotReadyReason {
  return { code: requiredStr(m, 'code', `${field}.code`), name: str(m, 'name', `${field}.name`) };
}

// ---------------------------------------------------------------------------------------------------------------
// Configuration events
// ---------------------------------------------------------------------------------------------------------------

/** Proto message of one configuration event (the payload of its registered type). */
type ConfigEventMessage = NonNullable<routingV1.ConfigEvent[(typeof ONEOF_FIELD)[ConfigEventType]]>;

function configEventMessage(event: ConfigEvent): ConfigEventMessage {
  const base = {
    tenantId: event.tenantId,
    occurredAt: toTimestamp(event.at),
    version: event.version,
    actor: event.actor,
  };
  switch (event.type) {
    case 'TenantDefined':
      return { ...base, name: event.name, currency: event.currency } satisfies routingV1.TenantDefined;
    case 'BranchDefined':
      return { ...base, branch: { ...event.branch } } satisfies routingV1.BranchDefined;
    case 'SkillDefined':
      return { ...base, skill: { ...event.skill } } satisfies routingV1.SkillDefined;
    case 'PartnerDefined':
      return { ...base, partner: { ...event.partner } } satisfies routingV1.PartnerDefined;
    case 'NotReadyReasonDefined':
      return { ...base, reason: { ...event.reason } } satisfies routingV1.NotReadyReasonDefined;
    case 'QueueDefined':
      return { ...base, queue: queueToProto(event.queue) } satisfies routingV1.QueueDefined;
    case 'QueueRemoved':
      return { ...base, queueId: event.queueId } satisfies routingV1.QueueRemoved;
    case 'AgentDefined':
      return { ...base, agent: agentToProto(event.agent) } satisfies routingV1.AgentDefined;
    case 'AgentRemoved':
      return { ...base, agentId: event.agentId } satisfies routingV1.AgentRemoved;
    case 'AgentSkillsChanged':
      return {
        ...base,
        agentId: event.agentId,
        skills: skillsToProto(event.skills),
      } satisfies routingV1.AgentSkillsChanged;
    case 'AgentGroupsChanged':
      return { ...base, agentId: event.agentId, groups: [...event.groups] } satisfies routingV1.AgentGroupsChanged;
    default:
      return unreachable(event, 'configuration event');
  }
}

function configEventFromMessage(type: ConfigEventType, value: unknown, field: string): ConfigEvent {
  const m = asMessage(value, field);
  const base = {
    tenantId: requiredStr(m, 'tenantId', `${field}.tenant_id`),
    version: num(m, 'version', `${field}.version`),
    at: requiredTime(m, 'occurredAt', `${field}.occurred_at`),
    actor: str(m, 'actor', `${field}.actor`),
  };
  switch (type) {
    case 'TenantDefined':
      return {
        ...base,
        type,
        name: str(m, 'name', `${field}.name`),
        currency: str(m, 'currency', `${field}.currency`),
      };
    case 'BranchDefined':
      return {
        ...base,
        type,
        branch: branchFromProto(requiredMessage(m, 'branch', `${field}.branch`), `${field}.branch`),
      };
    case 'SkillDefined':
      return { ...base, type, skill: skillFromProto(requiredMessage(m, 'skill', `${field}.skill`), `${field}.skill`) };
    case 'PartnerDefined':
      return {
        ...base,
        type,
        partner: partnerFromProto(requiredMessage(m, 'partner', `${field}.partner`), `${field}.partner`),
      };
    case 'NotReadyReasonDefined':
      return {
        ...base,
        type,
        reason: reasonFromProto(requiredMessage(m, 'reason', `${field}.reason`), `${field}.reason`),
      };
    case 'QueueDefined':
      return { ...base, type, queue: queueFromProto(requiredMessage(m, 'queue', `${field}.queue`), `${field}.queue`) };
    case 'QueueRemoved':
      return { ...base, type, queueId: requiredStr(m, 'queueId', `${field}.queue_id`) };
    case 'AgentDefined':
      return { ...base, type, agent: agentFromProto(requiredMessage(m, 'agent', `${field}.agent`), `${field}.agent`) };
    case 'AgentRemoved':
      return { ...base, type, agentId: requiredStr(m, 'agentId', `${field}.agent_id`) };
    case 'AgentSkillsChanged':
      return {
        ...base,
        type,
        agentId: requiredStr(m, 'agentId', `${field}.agent_id`),
        skills: skillsFromProto(m, 'skills', `${field}.skills`),
      };
    case 'AgentGroupsChanged':
      return {
        ...base,
        type,
        agentId: requiredStr(m, 'agentId', `${field}.agent_id`),
        groups: strings(m, 'groups', `${field}.groups`),
      };
    default:
      return unreachable(type, 'configuration event type');
  }
}

/** A configuration event as published on cc.routing.config.v1: its registered type and payload message. */
export function toProtoConfigEvent(event: ConfigEvent): { type: EventType; message: unknown } {
  return { type: CONFIG_EVENT_TYPES[event.type], message: configEventMessage(event) };
}

/** Inverse of toProtoConfigEvent. Throws on a type that is not a configuration event or a malformed message. */
export function fromProtoConfigEvent(type: string, message: unknown): ConfigEvent {
  const engineType = (Object.keys(CONFIG_EVENT_TYPES) as ConfigEventType[]).find(
    (key) => CONFIG_EVENT_TYPES[key] === type,
  );
  if (engineType === undefined) throw new Error(`not a routing configuration event type: "${type}"`);
  return configEventFromMessage(engineType, message, engineType);
}

/** The ConfigEvent oneof carried by ApplyConfig and ConfigApplied. */
export function configEventToOneof(event: ConfigEvent): routingV1.ConfigEvent {
  return { [ONEOF_FIELD[event.type]]: configEventMessage(event) } as routingV1.ConfigEvent;
}

export function configEventFromOneof(value: unknown, field: string): ConfigEvent {
  const m = asMessage(value, field);
  const set = (Object.keys(ONEOF_FIELD) as ConfigEventType[]).filter(
    (type) => m[ONEOF_FIELD[type]] !== undefined && m[ONEOF_FIELD[type]] !== null,
  );
  if (set.length !== 1)
    throw new ProtoDecodeError(`${field}.event`, `exactly one configuration event must be set, got ${set.length}`);
  const type = set[0]!;
  return configEventFromMessage(type, m[ONEOF_FIELD[type]], `${field}.${ONEOF_FIELD[type]}`);
}
