import { type RoutingDomainId, type RoutingEngine, type RoutingEvent } from '@cc/acd';

export type InvariantName =
  | 'agent-in-two-interactions'
  | 'interaction-offered-twice'
  | 'arrival-ends-once'
  | 'no-lost-interaction'
  | 'mirror-agrees-with-engine';

/** A broken invariant: the run stops at once, with what was seen. */
export class InvariantViolation extends Error {
  constructor(
    readonly invariant: InvariantName,
    detail: string,
  ) {
    super(`invariant "${invariant}" violated: ${detail}`);
    this.name = 'InvariantViolation';
  }
}

/** How a caller's time in the routing engine ended; a callback request ends the call and starts a callback. */
export type ArrivalEnding = 'answered' | 'abandoned' | 'overflowed' | 'callback';
/** How a callback (the agent calls the customer back) ended. */
export type CallbackEnding = 'served' | 'cancelled' | 'overflowed';

interface WorkItem {
  kind: 'arrival' | 'callback';
  homeDomainId: RoutingDomainId;
  ending?: ArrivalEnding | CallbackEnding;
  /** Connected to an agent and not completed yet. */
  talking: boolean;
  completed: boolean;
}

interface Hold {
  interactionId: string;
  homeDomainId: RoutingDomainId;
  how: 'claim' | 'ringing' | 'busy' | 'wrap-up';
}

/**
 * Watches every event of every domain and throws on the first broken invariant:
 * - no agent in two interactions: an agent is offered or claimed only while holding nothing (not ringing, talking
 *   or wrapping up), and across all domains at most one agent rings for or talks on an interaction;
 * - no interaction offered to two agents at once: a new offer only after the previous one ended;
 * - every arrival ends exactly once (answered, abandoned, overflowed or turned into a callback), every callback
 *   likewise, and everything answered is completed exactly once;
 * - no lost interaction: at the end no domain holds an interaction, a waiting caller or another domain's offer.
 */
export class InvariantMonitor {
  private readonly items = new Map<string, WorkItem>();
  /** `${domainId}|${agentId}` -> what the agent holds. */
  private readonly holds = new Map<string, Hold>();
  /** Interaction -> the agent its home domain offered it to, until the offer ends. */
  private readonly offers = new Map<string, { agentKey: string; offerId: string }>();
  checks = 0;

  arrived(interactionId: string, homeDomainId: RoutingDomainId): void {
    if (this.items.has(interactionId))
      throw new InvariantViolation('arrival-ends-once', `interaction ${interactionId} arrived twice`);
    this.items.set(interactionId, { kind: 'arrival', homeDomainId, talking: false, completed: false });
  }

  endingOf(interactionId: string): ArrivalEnding | CallbackEnding | undefined {
    return this.items.get(interactionId)?.ending;
  }

  /** Follows one event decided by `domainId`'s engine. */
  onEvent(domainId: RoutingDomainId, event: RoutingEvent): void {
    switch (event.type) {
      case 'InteractionQueued': {
        const item = this.items.get(event.interaction.interactionId);
        if (item === undefined) {
          throw new InvariantViolation(
            'arrival-ends-once',
            `${domainId} queued ${event.interaction.interactionId}, which never arrived`,
          );
        }
        if (item.ending !== undefined) {
          throw new InvariantViolation(
            'arrival-ends-once',
            `${event.interaction.interactionId} queued again after it ended (${item.ending})`,
          );
        }
        return;
      }
      case 'InteractionOffered': {
        const current = this.offers.get(event.interactionId);
        if (current !== undefined) {
          throw new InvariantViolation(
            'interaction-offered-twice',
            `${domainId} offered ${event.interactionId} to ${event.agentDomainId}|${event.agentId} while offer ${current.offerId} to ${current.agentKey} stands`,
          );
        }
        const agentKey = `${event.agentDomainId}|${event.agentId}`;
        this.offers.set(event.interactionId, { agentKey, offerId: event.offerId });
        if (event.agentDomainId === domainId)
          this.take(agentKey, { interactionId: event.interactionId, homeDomainId: domainId, how: 'ringing' });
        return;
      }
      case 'AgentClaimed':
        this.take(`${domainId}|${event.agentId}`, {
          interactionId: event.interactionId,
          homeDomainId: event.toDomainId,
          how: 'claim',
        });
        return;
      case 'RemoteOfferRinging': {
        const key = `${domainId}|${event.agentId}`;
        const hold = this.holds.get(key);
        if (hold?.how !== 'claim' || hold.interactionId !== event.interactionId) {
          throw new InvariantViolation(
            'agent-in-two-interactions',
            `${key} rings for ${event.interactionId} without holding its claim (${describe(hold)})`,
          );
        }
        hold.how = 'ringing';
        return;
      }
      case 'AgentStateChanged':
        this.agentStateChanged(domainId, event);
        return;
      case 'OfferAccepted': {
        const offer = this.offers.get(event.interactionId);
        if (offer === undefined || !offer.agentKey.endsWith(`|${event.agentId}`)) {
          throw new InvariantViolation(
            'interaction-offered-twice',
            `${event.interactionId} accepted by ${event.agentId}, but offered to ${offer?.agentKey ?? 'nobody'}`,
          );
        }
        const item = this.items.get(event.interactionId);
        this.end(event.interactionId, item?.kind === 'callback' ? 'served' : 'answered');
        if (item !== undefined) item.talking = true;
        return;
      }
      case 'OfferRejected':
      case 'OfferTimedOut': {
        const offer = this.offers.get(event.interactionId);
        if (offer?.offerId === event.offerId) this.offers.delete(event.interactionId);
        return;
      }
      case 'InteractionAbandoned': {
        const item = this.items.get(event.interactionId);
        this.end(event.interactionId, item?.kind === 'callback' ? 'cancelled' : 'abandoned');
        this.offers.delete(event.interactionId);
        return;
      }
      case 'InteractionOverflowed':
        if (event.action.kind === 'partner' || event.action.kind === 'voicemail') {
          this.end(event.interactionId, 'overflowed');
          this.offers.delete(event.interactionId);
        }
        return;
      case 'CallbackRequested':
        this.end(event.interactionId, 'callback');
        this.offers.delete(event.interactionId);
        if (this.items.has(event.callbackInteractionId)) {
          throw new InvariantViolation('arrival-ends-once', `callback ${event.callbackInteractionId} requested twice`);
        }
        this.items.set(event.callbackInteractionId, {
          kind: 'callback',
          homeDomainId: domainId,
          talking: false,
          completed: false,
        });
        return;
      case 'InteractionCompleted': {
        const item = this.items.get(event.interactionId);
        if (item === undefined || !item.talking || item.completed) {
          throw new InvariantViolation(
            'arrival-ends-once',
            `${event.interactionId} completed without being connected, or twice`,
          );
        }
        item.talking = false;
        item.completed = true;
        this.offers.delete(event.interactionId);
        return;
      }
      default:
        return;
    }
  }

  private agentStateChanged(
    domainId: RoutingDomainId,
    event: Extract<RoutingEvent, { type: 'AgentStateChanged' }>,
  ): void {
    const key = `${domainId}|${event.agentId}`;
    const hold = this.holds.get(key);
    switch (event.to) {
      case 'Reserved':
        if (event.from !== 'Available' || hold === undefined) {
          throw new InvariantViolation(
            'agent-in-two-interactions',
            `${key} reserved from ${event.from} (${describe(hold)})`,
          );
        }
        return;
      case 'Busy':
        if (hold === undefined || hold.how !== 'ringing') {
          throw new InvariantViolation(
            'agent-in-two-interactions',
            `${key} busy without a ringing offer (${describe(hold)})`,
          );
        }
        hold.how = 'busy';
        return;
      case 'WrapUp':
        if (hold === undefined || hold.how !== 'busy') {
          throw new InvariantViolation(
            'agent-in-two-interactions',
            `${key} in wrap-up without an interaction (${describe(hold)})`,
          );
        }
        hold.how = 'wrap-up';
        return;
      case 'Available':
      case 'NotReady':
      case 'LoggedOut':
        this.holds.delete(key);
        return;
      default: {
        const unknown: never = event.to;
        throw new Error(`unknown agent state ${String(unknown)}`);
      }
    }
  }

  private take(agentKey: string, hold: Hold): void {
    const current = this.holds.get(agentKey);
    if (current !== undefined) {
      throw new InvariantViolation(
        'agent-in-two-interactions',
        `${agentKey} given ${hold.interactionId} (${hold.how}) while holding ${describe(current)}`,
      );
    }
    this.holds.set(agentKey, hold);
  }

  private end(interactionId: string, ending: ArrivalEnding | CallbackEnding): void {
    const item = this.items.get(interactionId);
    if (item === undefined)
      throw new InvariantViolation('arrival-ends-once', `${interactionId} ended (${ending}) but never arrived`);
    if (item.ending !== undefined) {
      throw new InvariantViolation('arrival-ends-once', `${interactionId} ended twice: ${item.ending}, then ${ending}`);
    }
    item.ending = ending;
  }

  /**
   * Cross-checks the engines' states against what the events said: every agent holding an interaction in an
   * engine holds the same one here, and at most one agent (over all domains) rings for or talks on each interaction.
   */
  checkEngines(engines: ReadonlyMap<RoutingDomainId, RoutingEngine>): void {
    this.checks++;
    const holders = new Map<string, string>();
    for (const [domainId, engine] of engines) {
      for (const agent of engine.state.agents.values()) {
        const key = `${domainId}|${agent.agentId}`;
        const hold = this.holds.get(key);
        const holding = agent.state === 'Reserved' || agent.state === 'Busy' || agent.state === 'WrapUp';
        if (holding !== (hold !== undefined) || (hold !== undefined && hold.interactionId !== agent.interactionId)) {
          throw new InvariantViolation(
            'mirror-agrees-with-engine',
            `${key} is ${agent.state} with ${agent.interactionId ?? 'nothing'} in the engine, ${describe(hold)} by its events`,
          );
        }
        const engaged = (agent.state === 'Reserved' && agent.claim === undefined) || agent.state === 'Busy';
        if (!engaged || agent.interactionId === undefined) continue;
        const other = holders.get(agent.interactionId);
        if (other !== undefined) {
          throw new InvariantViolation(
            'interaction-offered-twice',
            `${agent.interactionId} is with ${other} and ${key} at once`,
          );
        }
        holders.set(agent.interactionId, key);
      }
    }
  }

  /** At the end of a drained run: everything ended, everything answered completed, every engine empty. */
  checkFinal(engines: ReadonlyMap<RoutingDomainId, RoutingEngine>): void {
    for (const [interactionId, item] of this.items) {
      if (item.ending === undefined)
        throw new InvariantViolation('no-lost-interaction', `${item.kind} ${interactionId} never ended`);
      if (item.talking)
        throw new InvariantViolation('no-lost-interaction', `${interactionId} was answered and never completed`);
    }
    for (const [domainId, engine] of engines) {
      const { state } = engine;
      if (state.interactions.size > 0) {
        throw new InvariantViolation(
          'no-lost-interaction',
          `${domainId} still holds ${[...state.interactions.keys()].slice(0, 5).join(', ')}`,
        );
      }
      for (const queue of state.queues.values()) {
        if (queue.waiting.length > 0)
          throw new InvariantViolation('no-lost-interaction', `${domainId} queue ${queue.queueId} still has callers`);
      }
      if (state.remoteOffers.size > 0) {
        throw new InvariantViolation(
          'no-lost-interaction',
          `${domainId} still holds overflow offers of other domains: ${[...state.remoteOffers.keys()].slice(0, 5).join(', ')}`,
        );
      }
      for (const agent of state.agents.values()) {
        if (agent.interactionId !== undefined) {
          throw new InvariantViolation(
            'no-lost-interaction',
            `${domainId}|${agent.agentId} still holds ${agent.interactionId} (${agent.state})`,
          );
        }
      }
    }
  }
}

function describe(hold: Hold | undefined): string {
  return hold === undefined ? 'nothing' : `${hold.interactionId} of ${hold.homeDomainId} (${hold.how})`;
}
