/**
 * The routing configuration of one tenant: branches (sites), skills, queues, agents and partner centres.
 * It is itself event-sourced (see config-events.ts): every routing domain folds the same configuration events,
 * so a replay of a domain's log meets the configuration that was in force when each decision was taken.
 */

/** Milliseconds since the Unix epoch, UTC. Time always comes in with a command; the engine never reads a clock. */
export type EpochMs = number;

/** How an interaction reaches the contact centre. Voice today; the model already routes the others by capacity. */
export type Channel = 'voice' | 'chat' | 'email' | 'sms';
export const CHANNELS: readonly Channel[] = ['voice', 'chat', 'email', 'sms'];

/** How a queue picks among the agents who could take an interaction. */
export type RoutingStrategy =
  /** The agent idle the longest since their last interaction (the default). */
  | 'longest-idle'
  /** The agent with the highest level in the queue's skills; ties to the longest idle. */
  | 'most-skilled'
  /** The agent with the lowest occupancy over the last hour, so the busiest get a breather. */
  | 'least-occupied'
  /** Agents in turn, in a stable order, starting after the one who got the previous interaction. */
  | 'round-robin'
  /** The agent who has handled the fewest interactions today (in the branch's time zone). */
  | 'fewest-calls-today';
export const ROUTING_STRATEGIES: readonly RoutingStrategy[] = [
  'longest-idle',
  'most-skilled',
  'least-occupied',
  'round-robin',
  'fewest-calls-today',
];

export interface SkillRequirement {
  skillId: string;
  /** 1..10 */
  minLevel: number;
}

/** Where an interaction goes when its queue cannot serve it (in time). */
export type OverflowAction =
  /** Agents of these other branches of the tenant become eligible; the home branch keeps ownership. */
  | { kind: 'branches'; branchIds: string[] }
  /** Moved into another queue of the same branch (which has its own rules; cycles are rejected). */
  | { kind: 'queue'; queueId: string }
  /** Transferred to an external partner centre over its SIP trunk. */
  | { kind: 'partner'; partnerId: string }
  /** The caller leaves a voice message instead of waiting. */
  | { kind: 'voicemail' }
  /** The caller is offered a callback, keeping their place (virtual hold). */
  | { kind: 'callback' };

/** Bullseye routing: the set of eligible agents grows with the time an interaction has waited. */
export type ExpansionAction = { kind: 'relax-skill-levels'; minLevel: number } | OverflowAction;

export interface TargetExpansionStep {
  /** Time since the interaction entered the queue. Steps are ordered by afterMs. */
  afterMs: number;
  action: ExpansionAction;
}

export interface ServiceLevelTarget {
  /** Answered within this many ms counts as within service level (e.g. 20 s). */
  thresholdMs: number;
  /** Target share answered within threshold, 0..100 (e.g. 80). */
  targetPercent: number;
}

/** Which estimated-wait predictor a queue announces; 'auto' picks the one measured most accurate lately. */
export type WaitPredictorChoice = 'auto' | 'queue-length' | 'head-of-line' | 'last-to-enter-service';

export interface QueueConfig {
  /** Unique within the tenant, e.g. "msk-sales". */
  queueId: string;
  branchId: string;
  name: string;
  channel: Channel;
  requiredSkills: SkillRequirement[];
  /** BCP 47 tag the agent must speak, if any. */
  language?: string;
  /** When not empty, only agents in one of these groups serve the queue. */
  agentGroups: string[];
  strategy: RoutingStrategy;
  /** Base priority, 0..100; higher goes first when an agent can serve several queues. */
  priority: number;
  /** Priority points an interaction gains per minute of waiting, so old interactions of low queues still move. */
  agingPointsPerMinute: number;
  /** Priority points a VIP customer (from the CRM lookup) gets on top. */
  vipPriorityBoost: number;
  serviceLevel: ServiceLevelTarget;
  /** An abandon before this wait is a short abandon (not counted against service level). */
  shortAbandonMs: number;
  /** After-call work time; the agent is Available again when it ends (or earlier, if they end it). */
  wrapUpMs: number;
  /** An offer not answered in this time is withdrawn and the agent set NotReady("missed-offer"). */
  ringTimeoutMs: number;
  /** A returning customer waits up to this long for the agent who served them last (0 = off). */
  stickyAgentWaitMs: number;
  /** Bullseye steps, ordered by afterMs. */
  expansion: TargetExpansionStep[];
  /** Immediate overflow when no agent who could ever serve the queue is logged in. */
  whenNoAgentLoggedIn?: OverflowAction;
  /** Immediate overflow when the estimated wait on arrival exceeds a threshold. */
  whenEstimatedWaitAbove?: { thresholdMs: number; action: OverflowAction };
  waitPredictor: WaitPredictorChoice;
}

export interface BranchConfig {
  branchId: string;
  name: string;
  /** IANA time zone, e.g. "Europe/Moscow": days (fewest calls today) and reports follow it. */
  timeZone: string;
}

export interface SkillConfig {
  skillId: string;
  name: string;
}

export interface PartnerConfig {
  partnerId: string;
  name: string;
  /** SIP URI of the trunk, e.g. "sip:overflow@partner.example.net". */
  trunkUri: string;
}

export interface AgentProfile {
  agentId: string;
  branchId: string;
  name: string;
  /** skillId -> level 1..10 */
  skills: Record<string, number>;
  languages: string[];
  groups: string[];
  /** How many interactions of each channel the agent handles at once; voice is 1. Channels absent are not taken. */
  capacity: Partial<Record<Channel, number>>;
}

/** Why a logged-in agent is not taking interactions. "missed-offer" is set by the engine itself. */
export interface NotReadyReason {
  code: string;
  name: string;
}

export interface TenantConfig {
  tenantId: string;
  name: string;
  /** ISO 4217, e.g. "RUB". */
  currency: string;
  /** Incremented by every configuration event. */
  version: number;
  branches: Record<string, BranchConfig>;
  skills: Record<string, SkillConfig>;
  queues: Record<string, QueueConfig>;
  agents: Record<string, AgentProfile>;
  partners: Record<string, PartnerConfig>;
  notReadyReasons: Record<string, NotReadyReason>;
}

export const MISSED_OFFER_REASON = 'missed-offer';
