/**
 * ConfigCommand (libs/acd) <-> ChangeConfig, the configuration change command of cc.routing.commands.v1
 * (proto/callcenter/routing/v1/commands.proto). Inputs keep "not set" as undefined so that the decider fills in the
 * defaults (queueWithDefaults, agentWithDefaults) exactly as for any other caller.
 */
import { type AgentInput, type ConfigCommand, type QueueInput, queueWithDefaults } from '@cc/acd';
import { type routingV1 } from '@cc/contracts';
import {
  asMessage,
  defined,
  optionalMessage,
  ProtoDecodeError,
  requiredStr,
  requiredTime,
  str,
  strings,
  toTimestamp,
  unreachable,
} from './codec-support';
import {
  agentFromProto,
  agentToProto,
  branchFromProto,
  CHANNEL,
  partnerFromProto,
  queueBodyFromProto,
  queueToProto,
  reasonFromProto,
  ROUTING_STRATEGY,
  serviceLevelFromProto,
  skillFromProto,
  skillsFromProto,
  skillsToProto,
  WAIT_PREDICTOR_CHOICE,
} from './config-event-codec';

type Msg = Record<string, unknown>;

/** The payload name the errors of each command start with (the field of the gRPC request). */
export const CHANGE_FIELD: { readonly [K in ConfigCommand['type']]: { oneof: string; payload: string } } = {
  DefineTenant: { oneof: 'defineTenant', payload: 'tenant' },
  DefineBranch: { oneof: 'defineBranch', payload: 'branch' },
  DefineSkill: { oneof: 'defineSkill', payload: 'skill' },
  DefinePartner: { oneof: 'definePartner', payload: 'partner' },
  DefineNotReadyReason: { oneof: 'defineNotReadyReason', payload: 'reason' },
  DefineQueue: { oneof: 'defineQueue', payload: 'queue' },
  RemoveQueue: { oneof: 'removeQueue', payload: 'queue_id' },
  DefineAgent: { oneof: 'defineAgent', payload: 'agent' },
  RemoveAgent: { oneof: 'removeAgent', payload: 'agent_id' },
  ChangeAgentSkills: { oneof: 'changeAgentSkills', payload: 'skills' },
  ChangeAgentGroups: { oneof: 'changeAgentGroups', payload: 'groups' },
};

/** A queue as given: numbers as they are, UNSPECIFIED enums and an absent service level left to the defaults. */
export function queueInputToProto(queue: QueueInput): routingV1.QueueConfig {
  const full = queueToProto(queueWithDefaults(queue));
  return {
    ...full,
    channel: queue.channel === undefined ? 0 : full.channel,
    strategy: queue.strategy === undefined ? 0 : full.strategy,
    waitPredictor: queue.waitPredictor === undefined ? 0 : full.waitPredictor,
    serviceLevel: queue.serviceLevel === undefined ? undefined : full.serviceLevel,
  } as routingV1.QueueConfig;
}

export function queueInputFromProto(value: unknown, field: string): QueueInput {
  const m = asMessage(value, field);
  const serviceLevel = optionalMessage(m, 'serviceLevel', `${field}.service_level`);
  return defined<QueueInput>({
    queueId: str(m, 'queueId', `${field}.queue_id`),
    branchId: str(m, 'branchId', `${field}.branch_id`),
    channel: CHANNEL.optionalFromProto(m, 'channel', `${field}.channel`),
    strategy: ROUTING_STRATEGY.optionalFromProto(m, 'strategy', `${field}.strategy`),
    serviceLevel:
      serviceLevel === undefined ? undefined : serviceLevelFromProto(serviceLevel, `${field}.service_level`),
    waitPredictor: WAIT_PREDICTOR_CHOICE.optionalFromProto(m, 'waitPredictor', `${field}.wait_predictor`),
    ...queueBodyFromProto(m, field),
  });
}

/** An agent definition as given; an empty capacity is left to the default (one voice call at a time). */
export function agentInputFromProto(value: unknown, field: string): AgentInput {
  const agent = agentFromProto(value, field);
  return defined<AgentInput>({
    ...agent,
    // An empty capacity means one voice call at a time (AgentProfile in config.proto).
    capacity: Object.keys(agent.capacity).length === 0 ? undefined : agent.capacity,
  });
}

/** The oneof `change` of ChangeConfig, as ts-proto represents it (one optional property per case). */
type ChangeOneof = Pick<
  routingV1.ChangeConfig,
  | 'defineTenant'
  | 'defineBranch'
  | 'defineSkill'
  | 'definePartner'
  | 'defineNotReadyReason'
  | 'defineQueue'
  | 'removeQueue'
  | 'defineAgent'
  | 'removeAgent'
  | 'changeAgentSkills'
  | 'changeAgentGroups'
>;

function changeToProto(command: ConfigCommand): ChangeOneof {
  switch (command.type) {
    case 'DefineTenant':
      return { defineTenant: { name: command.name, currency: command.currency } };
    case 'DefineBranch':
      return { defineBranch: { ...command.branch } };
    case 'DefineSkill':
      return { defineSkill: { ...command.skill } };
    case 'DefinePartner':
      return { definePartner: { ...command.partner } };
    case 'DefineNotReadyReason':
      return { defineNotReadyReason: { ...command.reason } };
    case 'DefineQueue':
      return { defineQueue: queueInputToProto(command.queue) };
    case 'RemoveQueue':
      return { removeQueue: command.queueId };
    case 'DefineAgent':
      return {
        defineAgent: agentToProto({
          languages: [],
          groups: [],
          ...command.agent,
          capacity: command.agent.capacity ?? {},
        }),
      };
    case 'RemoveAgent':
      return { removeAgent: command.agentId };
    case 'ChangeAgentSkills':
      return { changeAgentSkills: { agentId: command.agentId, skills: skillsToProto(command.skills) } };
    case 'ChangeAgentGroups':
      return { changeAgentGroups: { agentId: command.agentId, groups: [...command.groups] } };
    default:
      return unreachable(command, 'configuration command');
  }
}

export function toProtoChangeConfig(command: ConfigCommand, commandId: string): routingV1.ChangeConfig {
  return {
    tenantId: command.tenantId,
    occurredAt: toTimestamp(command.at),
    domainId: command.tenantId,
    commandId,
    actor: command.actor,
    expectedVersion: command.expectedVersion,
    ...changeToProto(command),
  } as routingV1.ChangeConfig;
}

/** Inverse of toProtoChangeConfig. Throws ProtoDecodeError (with the proto field path) on a malformed message. */
export function fromProtoChangeConfig(message: unknown): ConfigCommand {
  const m = asMessage(message, 'ChangeConfig');
  const expected = m['expectedVersion'];
  const base = defined({
    tenantId: requiredStr(m, 'tenantId', 'tenant_id'),
    at: requiredTime(m, 'occurredAt', 'occurred_at'),
    actor: str(m, 'actor', 'actor'),
    expectedVersion: typeof expected === 'number' ? expected : undefined,
  });
  const set = (key: string): Msg | undefined => optionalMessage(m, key, key);
  const tenant = set('defineTenant');
  if (tenant)
    return {
      ...base,
      type: 'DefineTenant',
      name: str(tenant, 'name', 'name'),
      currency: str(tenant, 'currency', 'currency'),
    };
  const branch = set('defineBranch');
  if (branch) return { ...base, type: 'DefineBranch', branch: branchFromProto(branch, 'branch') };
  const skill = set('defineSkill');
  if (skill) return { ...base, type: 'DefineSkill', skill: skillFromProto(skill, 'skill') };
  const partner = set('definePartner');
  if (partner) return { ...base, type: 'DefinePartner', partner: partnerFromProto(partner, 'partner') };
  const reason = set('defineNotReadyReason');
  if (reason) return { ...base, type: 'DefineNotReadyReason', reason: reasonFromProto(reason, 'reason') };
  const queue = set('defineQueue');
  if (queue) return { ...base, type: 'DefineQueue', queue: queueInputFromProto(queue, 'queue') };
  if (typeof m['removeQueue'] === 'string') return { ...base, type: 'RemoveQueue', queueId: m['removeQueue'] };
  const agent = set('defineAgent');
  if (agent) return { ...base, type: 'DefineAgent', agent: agentInputFromProto(agent, 'agent') };
  if (typeof m['removeAgent'] === 'string') return { ...base, type: 'RemoveAgent', agentId: m['removeAgent'] };
  const skills = set('changeAgentSkills');
  if (skills) {
    return {
      ...base,
      type: 'ChangeAgentSkills',
      agentId: requiredStr(skills, 'agentId', 'agent_id'),
      skills: skillsFromProto(skills, 'skills', 'skills'),
    };
  }
  const groups = set('changeAgentGroups');
  if (groups) {
    return {
      ...base,
      type: 'ChangeAgentGroups',
      agentId: requiredStr(groups, 'agentId', 'agent_id'),
      groups: strings(groups, 'groups', 'groups'),
    };
  }
  throw new ProtoDecodeError('change', 'no configuration change is set');
}

/**
 * The proto path of the field a configuration error names: the engine's JSON path (relative to the command's
 * payload, camelCase) under the payload's name, in snake_case, e.g. "requiredSkills[1].skillId" of DefineQueue ->
 * "queue.required_skills[1].skill_id".
 */
export function configErrorFieldPath(type: ConfigCommand['type'], field: string | undefined): string {
  if (field === undefined || field === '') return '';
  const standsAlone =
    ['actor', 'expectedVersion', 'tenantId', 'type'].includes(field) ||
    ['DefineTenant', 'RemoveQueue', 'RemoveAgent', 'ChangeAgentSkills', 'ChangeAgentGroups'].includes(type);
  return snake(standsAlone ? field : `${CHANGE_FIELD[type].payload}.${field}`);
}

function snake(path: string): string {
  return path.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
