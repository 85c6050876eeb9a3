import { emptyTenantConfig } from '../config/config-events';
import { type EpochMs, type QueueConfig, type SkillRequirement, type TenantConfig } from '../config/routing-config';
import { type AnnouncedWait, type QueueWaitStats, type WaitPredictorName } from '../wait-estimate';
import { type InteractionRequest, type OverflowOffer } from './routing-commands';
import { type RoutingDomainId, parseRoutingDomainId } from './routing-domain';
import { type AgentPools, newAgentPools } from './agent-pools';
import { type HandledOrder, newHandledOrder } from './handled-commands';
import { type AgentState } from './routing-events';
import { newTimerQueue, type TimerQueue } from './timer-queue';

/**
 * The state of one routing domain, folded from its events. It is mutable on purpose: a domain holds up to
 * 10,000 agents and 500 queues and decides in well under a millisecond, which copy-on-write state would not allow.
 * Only evolve() (and the index upkeep it calls) writes to it; deciding reads it.
 */
export interface RoutingDomainState {
  domainId: RoutingDomainId;
  tenantId: string;
  branchId: string;
  config: TenantConfig;
  /** Time of the latest event; never goes back. */
  now: EpochMs;
  /** Agents of this branch who are logged in. */
  agents: Map<string, AgentRuntime>;
  /** Interactions this domain owns (its queues' callers), until they are completed, abandoned or leave. */
  interactions: Map<string, InteractionRuntime>;
  queues: Map<string, QueueRuntime>;
  /** Overflow offers from other domains that this domain's agents may claim. */
  remoteOffers: Map<string, RemoteOfferRuntime>;
  /** Sticky routing: the agent who last served each customer, and when. */
  lastAgentOfCustomer: Map<string, { agentId: string; at: EpochMs }>;
  /** Recently handled command ids, oldest first (idempotency). */
  handledCommands: Set<string>;
  /** The same ids in an array, so the oldest is forgotten without a search. */
  handledOrder: HandledOrder;
  /**
   * Available agents per skill (any level), in the order they became available, so the first that fits is the
   * longest idle. The key ANY_SKILL holds every available agent. Agent pools take their order from here.
   */
  availableBySkill: Map<string, Set<string>>;
  /** Logged-in agents who fit each set of requirements asked about, counted by state (wait estimates, queue status). */
  pools: AgentPools;
  /** Interactions that arrived so far: orders equal arrival times. */
  arrivals: number;
  timers: TimerQueue;
}

export { ANY_SKILL } from './agent-index';

export interface AgentRuntime {
  agentId: string;
  state: AgentState;
  since: EpochMs;
  loggedInAt: EpochMs;
  extension?: string;
  reasonCode?: string;
  /** NotReady reason to apply when the current interaction's wrap-up ends. */
  pendingNotReady?: string;
  /** The interaction the agent is reserved for, talking on or wrapping up. */
  interactionId?: string;
  /** The domain owning that interaction (this one unless it came by overflow). */
  interactionDomainId?: RoutingDomainId;
  offerId?: string;
  ringDeadline?: EpochMs;
  wrapUpDeadline?: EpochMs;
  claim?: { claimId: string; deadline: EpochMs };
  /**
   * Interactions of other branches the agent declined or let ring out, latest last (at most
   * DECLINED_OVERFLOWS_REMEMBERED): the home offers them afresh, and this domain must not claim the agent again.
   */
  declinedOverflows?: string[];
  /** Local calendar day (branch time zone) and interactions handled that day. */
  handledToday: { day: string; count: number };
  /** Busy and wrap-up periods of the last hour, oldest first: occupancy for the least-occupied strategy. */
  workPeriods: Array<{ from: EpochMs; to: EpochMs }>;
}

export type InteractionStatus = 'waiting' | 'offered' | 'connected';

export interface InteractionRuntime {
  request: InteractionRequest;
  queueId: string;
  status: InteractionStatus;
  enqueuedAt: EpochMs;
  /** Arrival sequence number, breaks ties between equal enqueue times. */
  sequence: number;
  /** When it entered its current queue: bullseye steps count from here. */
  queueEnteredAt: EpochMs;
  requiredSkills: SkillRequirement[];
  language?: string;
  /** Other branches whose agents may take it (bullseye or overflow). */
  extraBranches: string[];
  /** Bullseye steps already applied. */
  expansionStep: number;
  preferredAgentId?: string;
  preferredUntil?: EpochMs;
  /** Agents who rejected or missed it: not offered again. */
  declinedBy: Set<string>;
  offers: number;
  offer?: { offerId: string; agentId: string; agentDomainId: RoutingDomainId; ringDeadline?: EpochMs };
  connectedAt?: EpochMs;
  /**
   * Other domains offered the interaction and not yet told that the offer is over (OverflowOfferWithdrawn), granted
   * or not: whatever becomes of the interaction, each of them hears of it.
   */
  overflowOfferedTo: Set<RoutingDomainId>;
  predictionsAtArrival: Record<WaitPredictorName, number>;
  lastAnnounced?: AnnouncedWait;
  callbackOffered: boolean;
}

export interface QueueRuntime {
  queueId: string;
  /** The queue's configuration; kept after the queue is removed until its last interaction is served. */
  config: QueueConfig;
  removed: boolean;
  /** Waiting interactions, by enqueue time (a callback keeps its caller's place). */
  waiting: string[];
  waitStats: QueueWaitStats;
  /** Round robin: the agent who got the previous interaction. */
  lastAssignedAgentId?: string;
}

export const DECLINED_OVERFLOWS_REMEMBERED = 16;

export interface RemoteOfferRuntime {
  offer: OverflowOffer;
  receivedAt: EpochMs;
  /**
   * The claim for it that awaits the home domain's decision, even after it lapsed here: until the home grants,
   * declines or withdraws, no other agent is claimed for the offer (each claim would lapse the same way).
   */
  pendingClaimId?: string;
}

export { HANDLED_COMMANDS_REMEMBERED } from './handled-commands';

export function initialRoutingState(domainId: RoutingDomainId): RoutingDomainState {
  const { tenantId, branchId } = parseRoutingDomainId(domainId);
  return {
    domainId,
    tenantId,
    branchId,
    config: emptyTenantConfig(tenantId),
    now: 0,
    agents: new Map(),
    interactions: new Map(),
    queues: new Map(),
    remoteOffers: new Map(),
    lastAgentOfCustomer: new Map(),
    handledCommands: new Set(),
    handledOrder: newHandledOrder(),
    availableBySkill: new Map(),
    pools: newAgentPools(),
    arrivals: 0,
    timers: newTimerQueue(),
  };
}
