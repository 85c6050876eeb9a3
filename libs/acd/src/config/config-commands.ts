import type {
  AgentProfile,
  BranchConfig,
  EpochMs,
  NotReadyReason,
  PartnerConfig,
  QueueConfig,
  ServiceLevelTarget,
  SkillConfig,
} from './routing-config';

/** What every configuration command carries. */
interface ConfigCommandBase {
  tenantId: string;
  /** When the change is made; becomes the event's `at`. */
  at: EpochMs;
  /** Who makes the change, e.g. "supervisor:42" or "seed". */
  actor: string;
  /**
   * Optimistic concurrency: the configuration version the caller last saw. When it differs from the current
   * version the command is refused with 'version-conflict' (unless its effect is already in place: then it is
   * accepted with no events, as an idempotent re-submission).
   */
  expectedVersion?: number;
}

/** The fields a queue definition must give; everything else gets defaults (see queueWithDefaults). */
type QueueRequiredField = 'queueId' | 'branchId' | 'name' | 'requiredSkills';

/** A queue definition as a supervisor or the REST facade writes it. */
export type QueueInput = Pick<QueueConfig, QueueRequiredField> &
  Partial<Omit<QueueConfig, QueueRequiredField | 'serviceLevel'>> & {
    /** Either part may be left out and gets its default. */
    serviceLevel?: Partial<ServiceLevelTarget>;
  };

/** An agent definition: capacity defaults to {voice: 1}, languages and groups to []. */
export type AgentInput = Pick<AgentProfile, 'agentId' | 'branchId' | 'name' | 'skills'> &
  Partial<Pick<AgentProfile, 'languages' | 'groups' | 'capacity'>>;

/** Creates the tenant or changes its name or currency. */
export interface DefineTenant extends ConfigCommandBase {
  type: 'DefineTenant';
  name: string;
  /** ISO 4217, e.g. "RUB". */
  currency: string;
}

/** Creates or replaces a branch (a routing domain). Branches are never removed. */
export interface DefineBranch extends ConfigCommandBase {
  type: 'DefineBranch';
  branch: BranchConfig;
}

export interface DefineSkill extends ConfigCommandBase {
  type: 'DefineSkill';
  skill: SkillConfig;
}

export interface DefinePartner extends ConfigCommandBase {
  type: 'DefinePartner';
  partner: PartnerConfig;
}

export interface DefineNotReadyReason extends ConfigCommandBase {
  type: 'DefineNotReadyReason';
  reason: NotReadyReason;
}

/** Creates or replaces a queue as a whole. A queue cannot move to another branch. */
export interface DefineQueue extends ConfigCommandBase {
  type: 'DefineQueue';
  queue: QueueInput;
}

/** Refused while another queue's overflow still names the queue. */
export interface RemoveQueue extends ConfigCommandBase {
  type: 'RemoveQueue';
  queueId: string;
}

/** Creates or replaces an agent as a whole. */
export interface DefineAgent extends ConfigCommandBase {
  type: 'DefineAgent';
  agent: AgentInput;
}

export interface RemoveAgent extends ConfigCommandBase {
  type: 'RemoveAgent';
  agentId: string;
}

/** Replaces an agent's skills (skillId -> level 1..10) at run time. */
export interface ChangeAgentSkills extends ConfigCommandBase {
  type: 'ChangeAgentSkills';
  agentId: string;
  skills: Record<string, number>;
}

/** Replaces an agent's groups (free-form names such as "team-a"). */
export interface ChangeAgentGroups extends ConfigCommandBase {
  type: 'ChangeAgentGroups';
  agentId: string;
  groups: string[];
}

export type ConfigCommand =
  | DefineTenant
  | DefineBranch
  | DefineSkill
  | DefinePartner
  | DefineNotReadyReason
  | DefineQueue
  | RemoveQueue
  | DefineAgent
  | RemoveAgent
  | ChangeAgentSkills
  | ChangeAgentGroups;

export type ConfigCommandType = ConfigCommand['type'];
