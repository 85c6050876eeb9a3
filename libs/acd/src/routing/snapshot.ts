import { type TenantConfig } from '../config/routing-config';
import {
  type AgentRuntime,
  initialRoutingState,
  type InteractionRuntime,
  type QueueRuntime,
  type RemoteOfferRuntime,
  type RoutingDomainState,
  ANY_SKILL,
} from './routing-state';
import { fileAgent } from './agent-index';
import { joinPools } from './agent-pools';
import { newHandledOrder } from './handled-commands';
import { newTimerQueue, scheduleTimer, type TimerQueue } from './timer-queue';

/** Version of the snapshot layout; a routing instance that meets another rebuilds from the log instead. */
export const ROUTING_SNAPSHOT_FORMAT = 1;

type Plain<T> =
  T extends Set<infer V>
    ? V[]
    : T extends Map<infer K, infer V>
      ? Array<[K, Plain<V>]>
      : T extends object
        ? { [P in keyof T]: Plain<T[P]> }
        : T;

/** A domain's state as JSON-ready data: what a snapshot stores, and what two states are compared by. */
export interface RoutingSnapshot {
  format: number;
  domainId: string;
  now: number;
  arrivals: number;
  config: TenantConfig;
  agents: AgentRuntime[];
  interactions: Array<Plain<InteractionRuntime> & { interactionId: string }>;
  queues: QueueRuntime[];
  remoteOffers: RemoteOfferRuntime[];
  lastAgentOfCustomer: Array<[string, { agentId: string; at: number }]>;
  handledCommands: string[];
  /** Available agents, longest idle first: the order routing visits them in. */
  availableOrder: string[];
}

export function toSnapshot(state: RoutingDomainState): RoutingSnapshot {
  return structuredClone({
    format: ROUTING_SNAPSHOT_FORMAT,
    domainId: state.domainId,
    now: state.now,
    arrivals: state.arrivals,
    config: state.config,
    agents: [...state.agents.values()],
    interactions: [...state.interactions].map(([interactionId, interaction]) => ({
      ...interaction,
      interactionId,
      declinedBy: [...interaction.declinedBy],
      overflowOfferedTo: [...interaction.overflowOfferedTo],
    })),
    queues: [...state.queues.values()],
    remoteOffers: [...state.remoteOffers.values()],
    lastAgentOfCustomer: [...state.lastAgentOfCustomer],
    handledCommands: [...state.handledCommands],
    availableOrder: [...(state.availableBySkill.get(ANY_SKILL) ?? [])],
  });
}

/**
 * Rebuilds a state from a snapshot. The indexes and the timers are derived data, so they are rebuilt rather than
 * stored: agents are filed in the order they became available, agent pools fill again as they are asked about, and
 * every live deadline is scheduled again.
 */
export function fromSnapshot(snapshot: RoutingSnapshot): RoutingDomainState {
  if (snapshot.format !== ROUTING_SNAPSHOT_FORMAT) {
    throw new Error(`routing snapshot format ${snapshot.format} is not ${ROUTING_SNAPSHOT_FORMAT}`);
  }
  const copy = structuredClone(snapshot);
  const state = initialRoutingState(copy.domainId);
  state.now = copy.now;
  state.arrivals = copy.arrivals;
  state.config = copy.config;
  for (const { interactionId, ...interaction } of copy.interactions) {
    state.interactions.set(interactionId, {
      ...interaction,
      declinedBy: new Set(interaction.declinedBy),
      overflowOfferedTo: new Set(interaction.overflowOfferedTo),
    });
  }
  for (const queue of copy.queues) state.queues.set(queue.queueId, queue);
  for (const remote of copy.remoteOffers) state.remoteOffers.set(remote.offer.interactionId, remote);
  state.lastAgentOfCustomer = new Map(copy.lastAgentOfCustomer);
  state.handledCommands = new Set(copy.handledCommands);
  state.handledOrder = newHandledOrder(copy.handledCommands);
  for (const agent of copy.agents) state.agents.set(agent.agentId, agent);
  for (const agentId of copy.availableOrder) {
    const agent = state.agents.get(agentId);
    if (agent !== undefined) fileAgent(state, agent);
  }
  for (const agent of state.agents.values()) {
    fileAgent(state, agent);
    joinPools(state, agent);
  }
  state.timers = timersOf(state);
  return state;
}

function timersOf(state: RoutingDomainState): TimerQueue {
  const timers = newTimerQueue();
  for (const agent of state.agents.values()) {
    if (agent.ringDeadline !== undefined)
      scheduleTimer(timers, { at: agent.ringDeadline, kind: 'ring', id: agent.agentId });
    if (agent.wrapUpDeadline !== undefined)
      scheduleTimer(timers, { at: agent.wrapUpDeadline, kind: 'wrap-up', id: agent.agentId });
    if (agent.claim !== undefined)
      scheduleTimer(timers, { at: agent.claim.deadline, kind: 'claim', id: agent.agentId });
  }
  for (const [interactionId, interaction] of state.interactions) {
    if (interaction.preferredUntil !== undefined)
      scheduleTimer(timers, { at: interaction.preferredUntil, kind: 'preference', id: interactionId });
    const step = state.queues.get(interaction.queueId)?.config.expansion[interaction.expansionStep];
    if (step !== undefined)
      scheduleTimer(timers, { at: interaction.queueEnteredAt + step.afterMs, kind: 'expansion', id: interactionId });
  }
  return timers;
}
