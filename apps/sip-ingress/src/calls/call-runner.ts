import { type CallAction, type CallFact, type CallInput } from './call-messages';
import {
  type CallerLegPort,
  type CallerLookupPort,
  type CallFactsPort,
  type LegDialer,
  type LegHandle,
  type RoutingPort,
} from './call-ports';
import { type CallArrival, type CallState, newCall } from './call-state';
import { decideCall } from './decide-call';

export interface CallRunnerLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface CallRunnerOptions {
  routing: RoutingPort;
  dialer: LegDialer;
  facts: CallFactsPort;
  lookup?: CallerLookupPort;
  lookupTimeoutMs: number;
  now?: () => number;
  logger?: CallRunnerLogger;
  /** How long an ended call still answers late routing decisions (an offer made as the caller hung up). */
  lingerMs?: number;
}

interface RunningCall {
  readonly state: CallState;
  readonly caller: CallerLegPort;
  readonly legs: Map<string, LegHandle>;
  /** Interaction ids the call had (one per queue visit), to answer routing decisions about each. */
  readonly interactions: string[];
  /** Routing commands of the call, one after another: an abandon never overtakes the queueing it undoes. */
  routing: Promise<void>;
  /** Who follows the call's facts as they happen (the originate API's progress stream). */
  readonly watchers: Array<(fact: CallFact) => void>;
}

/** How a refusal from routing reaches the caller: no queue is a wrong number, anything else a passing failure. */
export interface RoutingRefusalStatus {
  status: number;
  reason: string;
}

/**
 * Runs the calls of this ingress: feeds what happens to each call into decideCall and carries out its actions on
 * the SIP legs, routing and the bus. Everything about one call happens in order on the event loop.
 */
export class CallRunner {
  private readonly calls = new Map<string, RunningCall>();
  private readonly byInteraction = new Map<string, RunningCall>();
  private readonly now: () => number;
  private readonly lingerMs: number;

  constructor(
    private readonly options: CallRunnerOptions,
    private readonly refusalStatus: (error: unknown) => RoutingRefusalStatus,
  ) {
    this.now = options.now ?? Date.now;
    this.lingerMs = options.lingerMs ?? 30_000;
  }

  /**
   * A new call: publishes its arrival; an inbound call (from a carrier) is identified and queued at once, an
   * originated one once the customer answers (customer-answered).
   */
  start(arrival: CallArrival, caller: CallerLegPort, watcher?: (fact: CallFact) => void): CallState {
    const state = newCall(arrival);
    const running: RunningCall = {
      state,
      caller,
      legs: new Map(),
      interactions: [state.interactionId],
      routing: Promise.resolve(),
      watchers: [],
    };
    this.calls.set(arrival.callId, running);
    this.byInteraction.set(running.state.interactionId, running);
    if (watcher) running.watchers.push(watcher);
    this.options.facts.publish(running.state, { kind: 'arrived' }, arrival.now);
    if (state.phase === 'arriving') this.execute(running, [{ kind: 'lookup-customer' }]);
    return running.state;
  }

  /** Something happened on the caller's leg. */
  callerInput(callId: string, input: CallInput): void {
    const running = this.calls.get(callId);
    if (running) this.dispatch(running, input);
  }

  /** A routing decision about an interaction; ignored when it is not one of this ingress's calls. */
  routingDecision(interactionId: string, input: CallInput): void {
    const running = this.byInteraction.get(interactionId);
    if (running && running.state.interactionId === interactionId) this.dispatch(running, input);
  }

  call(callId: string): CallState | undefined {
    return this.calls.get(callId)?.state;
  }

  get activeCalls(): number {
    return this.calls.size;
  }

  list(): CallState[] {
    return [...this.calls.values()].map((c) => c.state);
  }

  private dispatch(running: RunningCall, input: CallInput): void {
    this.execute(running, decideCall(running.state, input));
  }

  private execute(running: RunningCall, actions: CallAction[]): void {
    for (const action of actions) {
      try {
        this.perform(running, action);
      } catch (error) {
        this.options.logger?.warn('call action failed', {
          callId: running.state.callId,
          action: action.kind,
          error: String(error),
        });
      }
    }
  }

  private perform(running: RunningCall, action: CallAction): void {
    const call = running.state;
    switch (action.kind) {
      case 'lookup-customer':
        void this.identify(running);
        return;
      case 'queue-interaction':
        this.byInteraction.set(action.interactionId, running);
        if (!running.interactions.includes(action.interactionId)) running.interactions.push(action.interactionId);
        this.routingCommand(
          running,
          () => this.options.routing.queueInteraction(call, action.interactionId, action.queueId),
          () => ({ kind: 'queued', now: this.now() }),
          (error) => ({ kind: 'queue-refused', ...this.refusalStatus(error), now: this.now() }),
        );
        return;
      case 'ring-caller':
        running.caller.ring();
        return;
      case 'reject-caller':
        running.caller.reject(action.status, action.reason);
        return;
      case 'early-media-caller':
        running.caller.earlyMedia(action.sdp);
        return;
      case 'answer-caller':
        running.caller.answer(action.sdp);
        return;
      case 'reoffer-caller':
        running.caller
          .reoffer(action.sdp)
          .catch(() => this.dispatch(running, { kind: 'caller-lost', status: 500, now: this.now() }));
        return;
      case 'hang-up-caller':
        running.caller.hangUp();
        return;
      case 'invite-leg':
        this.dial(running, action.leg.legId, action);
        return;
      case 'cancel-leg':
        running.legs.get(action.legId)?.cancel();
        return;
      case 'hang-up-leg':
        running.legs.get(action.legId)?.hangUp();
        running.legs.delete(action.legId);
        return;
      case 'answer-transfer':
        running.legs.get(action.legId)?.answerTransfer(action.status, action.reason);
        return;
      case 'accept-offer':
        this.routingCommand(
          running,
          () => this.options.routing.acceptOffer(call, action.interactionId, action.agentId),
          () => ({ kind: 'offer-confirmed', offerId: action.offerId, now: this.now() }),
          () => ({ kind: 'offer-refused', offerId: action.offerId, now: this.now() }),
        );
        return;
      case 'reject-offer':
        this.routingCommand(running, () =>
          this.options.routing.rejectOffer(call, action.interactionId, action.agentId),
        );
        return;
      case 'abandon-interaction':
        this.routingCommand(running, () => this.options.routing.abandon(call, action.interactionId));
        return;
      case 'complete-interaction':
        this.routingCommand(running, () => this.options.routing.complete(call, action.interactionId));
        return;
      case 'publish':
        this.options.facts.publish(call, action.fact, this.now());
        for (const watcher of running.watchers) watcher(action.fact);
        return;
      case 'forget':
        this.forget(running);
        return;
      default: {
        const never: never = action;
        return never;
      }
    }
  }

  private async identify(running: RunningCall): Promise<void> {
    const call = running.state;
    const lookup = this.options.lookup;
    let found: { customerId: string; vip: boolean } | undefined;
    if (lookup && call.callerNumber) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), this.options.lookupTimeoutMs);
      });
      try {
        found = await Promise.race([lookup.identify(call.tenantId, call.callerNumber).catch(() => undefined), timeout]);
      } finally {
        clearTimeout(timer);
      }
    }
    this.dispatch(running, {
      kind: 'customer-identified',
      customerId: found?.customerId ?? '',
      vip: found?.vip ?? false,
      now: this.now(),
    });
  }

  private dial(running: RunningCall, legId: string, action: Extract<CallAction, { kind: 'invite-leg' }>): void {
    const at = () => this.now();
    const handle = this.options.dialer.dial(running.state, action.leg, action.sdp, {
      ringing: (earlyMedia) => this.dispatch(running, { kind: 'leg-ringing', legId, earlyMedia, now: at() }),
      answered: (sdp) => this.dispatch(running, { kind: 'leg-answered', legId, sdp, now: at() }),
      failed: (status, reason) => {
        running.legs.delete(legId);
        this.dispatch(running, { kind: 'leg-failed', legId, status, reason, now: at() });
      },
      hungUp: () => {
        running.legs.delete(legId);
        this.dispatch(running, { kind: 'leg-hung-up', legId, now: at() });
      },
      transferRequested: (target) => this.dispatch(running, { kind: 'transfer-requested', legId, target, now: at() }),
    });
    running.legs.set(legId, handle);
  }

  private routingCommand(
    running: RunningCall,
    send: () => Promise<void>,
    onDone?: () => CallInput,
    onRefused?: (error: unknown) => CallInput,
  ): void {
    running.routing = running.routing.then(async () => {
      try {
        await send();
      } catch (error) {
        this.options.logger?.warn('routing refused a command of the call', {
          callId: running.state.callId,
          error: String(error),
        });
        if (onRefused) this.dispatch(running, onRefused(error));
        return;
      }
      if (onDone) this.dispatch(running, onDone());
    });
  }

  private forget(running: RunningCall): void {
    this.calls.delete(running.state.callId);
    setTimeout(() => {
      for (const id of running.interactions) if (this.byInteraction.get(id) === running) this.byInteraction.delete(id);
    }, this.lingerMs).unref();
  }
}
