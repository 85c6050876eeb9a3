import type {
  AgentProfile,
  BranchConfig,
  EpochMs,
  NotReadyReason,
  PartnerConfig,
  QueueConfig,
  SkillConfig,
  TenantConfig,
} from './routing-config';

/** What every configuration event carries. */
interface ConfigEventBase {
  tenantId: string;
  /** The tenant configuration's version after this event: the previous version + 1. */
  version: number;
  at: EpochMs;
  /** Who made the change, e.g. "supervisor:42" or "seed". */
  actor: string;
}

export interface TenantDefined extends ConfigEventBase {
  type: 'TenantDefined';
  name: string;
  currency: string;
}

export interface BranchDefined extends ConfigEventBase {
  type: 'BranchDefined';
  branch: BranchConfig;
}

export interface SkillDefined extends ConfigEventBase {
  type: 'SkillDefined';
  skill: SkillConfig;
}

export interface PartnerDefined extends ConfigEventBase {
  type: 'PartnerDefined';
  partner: PartnerConfig;
}

export interface NotReadyReasonDefined extends ConfigEventBase {
  type: 'NotReadyReasonDefined';
  reason: NotReadyReason;
}

/** A queue was created or replaced as a whole. */
export interface QueueDefined extends ConfigEventBase {
  type: 'QueueDefined';
  queue: QueueConfig;
}

export interface QueueRemoved extends ConfigEventBase {
  type: 'QueueRemoved';
  queueId: string;
}

/** An agent was created or replaced as a whole. */
export interface AgentDefined extends ConfigEventBase {
  type: 'AgentDefined';
  agent: AgentProfile;
}

export interface AgentRemoved extends ConfigEventBase {
  type: 'AgentRemoved';
  agentId: string;
}

/** A supervisor moved an agent between skills at run time: the complete new skill map. */
export interface AgentSkillsChanged extends ConfigEventBase {
  type: 'AgentSkillsChanged';
  agentId: string;
  skills: Record<string, number>;
}

/** The complete new list of groups of an agent. */
export interface AgentGroupsChanged extends ConfigEventBase {
  type: 'AgentGroupsChanged';
  agentId: string;
  groups: string[];
}

export type ConfigEvent =
  | TenantDefined
  | BranchDefined
  | SkillDefined
  | PartnerDefined
  | NotReadyReasonDefined
  | QueueDefined
  | QueueRemoved
  | AgentDefined
  | AgentRemoved
  | AgentSkillsChanged
  | AgentGroupsChanged;

export type ConfigEventType = ConfigEvent['type'];

/** What every configuration event carries besides its change. */
export type ConfigEventEnvelopeField = 'tenantId' | 'version' | 'at' | 'actor';

/** An event without its envelope (tenant, version, time, actor): the change a command decides. */
export type ConfigChange = ConfigEvent extends infer E
  ? E extends ConfigEvent
    ? Omit<E, ConfigEventEnvelopeField>
    : never
  : never;

/** A configuration nobody has defined yet: version 0, no name, nothing in it. */
export function emptyTenantConfig(tenantId: string): TenantConfig {
  return {
    tenantId,
    name: '',
    currency: '',
    version: 0,
    branches: {},
    skills: {},
    queues: {},
    agents: {},
    partners: {},
    notReadyReasons: {},
  };
}

/** Whether TenantDefined has been applied (every other command needs it first). */
export function isTenantDefined(config: TenantConfig): boolean {
  return config.version > 0 && config.name !== '';
}

/**
 * Evolve: folds one configuration event into the configuration.
 *
 * For speed it MUTATES `config` and returns the same object: a routing domain holds up to 10,000 agents and
 * applies these events in its hot path, so copying the whole configuration per event is not affordable. A caller
 * that needs the previous state must copy it first (e.g. `structuredClone`).
 *
 * Entries (a QueueConfig, an AgentProfile, ...) are shared with the events that carried them and are never mutated
 * here: an entry that changes is replaced by a new object. Treat them as immutable values.
 */
export function applyConfigEvent(config: TenantConfig, event: ConfigEvent): TenantConfig {
  switch (event.type) {
    case 'TenantDefined':
      config.name = event.name;
      config.currency = event.currency;
      break;
    case 'BranchDefined':
      config.branches[event.branch.branchId] = event.branch;
      break;
    case 'SkillDefined':
      config.skills[event.skill.skillId] = event.skill;
      break;
    case 'PartnerDefined':
      config.partners[event.partner.partnerId] = event.partner;
      break;
    case 'NotReadyReasonDefined':
      config.notReadyReasons[event.reason.code] = event.reason;
      break;
    case 'QueueDefined':
      config.queues[event.queue.queueId] = event.queue;
      break;
    case 'QueueRemoved':
      delete config.queues[event.queueId];
      break;
    case 'AgentDefined':
      config.agents[event.agent.agentId] = event.agent;
      break;
    case 'AgentRemoved':
      delete config.agents[event.agentId];
      break;
    case 'AgentSkillsChanged': {
      const agent = config.agents[event.agentId];
      if (agent !== undefined) config.agents[event.agentId] = { ...agent, skills: event.skills };
      break;
    }
    case 'AgentGroupsChanged': {
      const agent = config.agents[event.agentId];
      if (agent !== undefined) config.agents[event.agentId] = { ...agent, groups: event.groups };
      break;
    }
    default:
      return unknownEvent(event);
  }
  config.version = event.version;
  return config;
}

/** Folds events in order (mutating `config`, see applyConfigEvent). */
export function applyConfigEvents(config: TenantConfig, events: readonly ConfigEvent[]): TenantConfig {
  for (const event of events) applyConfigEvent(config, event);
  return config;
}

function unknownEvent(event: never): never {
  throw new Error(`Unknown configuration event type: ${String((event as { type?: unknown }).type)}`);
}
