import {
  type AgentState,
  type AnnouncedWait,
  domainMessageOf,
  type EpochMs,
  isUnboundedWait,
  queueStatus,
  type RoutingCommand,
  type RoutingDomainId,
  RoutingEngine,
  type RoutingEvent,
  WAIT_PREDICTOR_NAMES,
  type WaitPredictorName,
} from '@cc/acd';
import { Rng, TimeOrderedQueue } from '@cc/discrete-event';
import { InvariantMonitor, InvariantViolation } from './invariants';
import { nextArrival } from './load-profile';
import { type AgentBreak, type AgentPlan, type CallerStream, type SimulationSpec } from './model';
import { sample } from './distribution';
import { AgentClock, QueueCounters, spread } from './statistics';

/** The engine refused a command the simulator believed valid: a bug in the engine or in the simulator. */
export class RefusedCommandError extends Error {
  constructor(
    readonly domainId: RoutingDomainId,
    readonly command: RoutingCommand,
    readonly code: string,
    detail: string,
  ) {
    super(`${domainId} refused ${command.type} (${code}): ${detail}\ncommand: ${JSON.stringify(command)}`);
    this.name = 'RefusedCommandError';
  }
}

type CommandBody = RoutingCommand extends infer C
  ? C extends RoutingCommand
    ? Omit<C, 'commandId' | 'at'>
    : never
  : never;

type SimEvent =
  | { kind: 'arrival'; stream: number }
  | { kind: 'patience'; interactionId: string }
  | { kind: 'answer'; agentKey: string; interactionId: string; offerId: string; reject: boolean }
  | { kind: 'end-wrap-up'; agentKey: string; interactionId: string }
  | { kind: 'complete'; interactionId: string }
  | { kind: 'announce'; interactionId: string }
  | { kind: 'callback-decision'; interactionId: string }
  | { kind: 'login'; agentKey: string }
  | { kind: 'logout'; agentKey: string }
  | { kind: 'break'; agentKey: string; plan: AgentBreak }
  | { kind: 'break-end'; agentKey: string }
  | { kind: 'recover'; agentKey: string }
  | { kind: 'deliver'; toDomainId: RoutingDomainId; command: RoutingCommand }
  | { kind: 'drain-limit' };

interface Caller {
  interactionId: string;
  kind: 'inbound' | 'callback';
  homeDomainId: RoutingDomainId;
  /** Counters of the queue the call arrived in (a callback counts in its caller's queue). */
  counters: QueueCounters;
  thresholdMs: number;
  stream: CallerStream;
  handleMs: number;
  acceptsCallback: boolean;
  predictions?: Record<WaitPredictorName, number>;
  announcedAtArrival?: number;
  lastTold?: AnnouncedWait;
  maxPromisedTotal: number;
  offeredTo?: string;
  connectedAt?: number;
  callbackOffered: boolean;
  offeredToBranches: boolean;
  /** Ended (abandoned, overflowed, turned into a callback) or completed: nothing more will happen to it. */
  done: boolean;
}

interface SimAgent {
  key: string;
  plan: AgentPlan;
  rng: Rng;
  clock: AgentClock;
  state: AgentState;
  breakPending?: AgentBreak;
  onBreak: boolean;
  logoutPending: boolean;
}

export interface QueueReport {
  domainId: RoutingDomainId;
  queueId: string;
  thresholdMs: number;
  counters: QueueCounters;
  /** The predictor the engine announces from at the end of the run, and its own (recency-weighted) RASE. */
  chosenPredictor?: WaitPredictorName;
  engineRase?: Record<WaitPredictorName, { samples: number; rase: number | null }>;
}

export interface AgentReport {
  domainId: RoutingDomainId;
  agentId: string;
  speed: number;
  handled: number;
  missed: number;
  occupancy: number | null;
  msIn: Record<AgentState, number>;
}

export interface SimulationResult {
  name: string;
  seed: number;
  startAt: EpochMs;
  durationMs: number;
  /** When the last caller left and the run ended. */
  endedAt: EpochMs;
  queues: QueueReport[];
  total: QueueCounters;
  agents: AgentReport[];
  occupancy: ReturnType<typeof spread>;
  engine: {
    commands: number;
    events: number;
    messagesDelivered: number;
    messagesDropped: number;
    invariantChecks: number;
    wallMs: number;
  };
  /** Every routing event per domain, in order (when spec.keepEvents). */
  events?: Map<RoutingDomainId, RoutingEvent[]>;
  engines: Map<RoutingDomainId, RoutingEngine>;
}

/** After the drain limit, waiting callers are cancelled every this often until everything has ended. */
const DRAIN_RETRY_MS = 10_000;
/** A run that cannot empty its queues this long after the drain limit has lost an interaction. */
const DRAIN_GIVE_UP_MS = 60 * 60_000;
/** After the last caller left, domains must stop messaging and firing timers within this long. */
const SETTLE_LIMIT_MS = 10 * 60_000;

/**
 * A discrete-event simulation of a contact centre around the real routing engines: callers and agents are
 * simulated, every routing decision is the engine's. Events of the calendar (arrivals, answers, hang-ups, breaks,
 * overflow messages between domains) merge with the engines' own deadlines, which fire on AdvanceTime commands.
 */
export class Simulation {
  private readonly calendar = new TimeOrderedQueue<SimEvent>();
  private readonly engines = new Map<RoutingDomainId, RoutingEngine>();
  private readonly monitor = new InvariantMonitor();
  private readonly callers = new Map<string, Caller>();
  private readonly agents = new Map<string, SimAgent>();
  private readonly counters = new Map<string, QueueCounters>();
  private readonly streamRngs: Rng[];
  private readonly busRng: Rng;
  private readonly lastDelivery = new Map<RoutingDomainId, number>();
  private readonly eventLog = new Map<RoutingDomainId, RoutingEvent[]>();
  private readonly endAt: number;
  private now: number;
  private commandSeq = 0;
  private commands = 0;
  private events = 0;
  private messagesDelivered = 0;
  private messagesDropped = 0;
  private arrivals = 0;
  /** Callers and callbacks not done yet. */
  private live = 0;
  /** When the last caller left (the run then only lets messages and timers settle). */
  private finishedAt: number | undefined;

  constructor(private readonly spec: SimulationSpec) {
    this.now = spec.startAt;
    this.endAt = spec.startAt + spec.durationMs;
    this.busRng = Rng.stream(spec.seed, 'bus');
    this.streamRngs = spec.callers.map((stream, i) =>
      Rng.stream(spec.seed, `callers/${i}/${stream.domainId}/${stream.queueId}`),
    );
    for (const domainId of spec.domainIds) {
      this.engines.set(domainId, new RoutingEngine(domainId));
      this.eventLog.set(domainId, []);
    }
    for (const plan of spec.agents) {
      const key = `${plan.domainId}|${plan.agentId}`;
      if (this.agents.has(key)) throw new Error(`agent ${key} planned twice`);
      this.agents.set(key, {
        key,
        plan,
        rng: Rng.stream(spec.seed, `agent/${key}`),
        clock: new AgentClock(spec.startAt, this.endAt),
        state: 'LoggedOut',
        onBreak: false,
        logoutPending: false,
      });
    }
  }

  run(): SimulationResult {
    const started = performance.now();
    const { spec } = this;
    for (const [domainId] of this.engines) {
      for (const event of spec.tenantEvents) {
        this.executeCommand(domainId, {
          type: 'ApplyConfig',
          commandId: `config-${event.version}`,
          at: spec.startAt,
          event,
        });
      }
      for (const queue of this.engines.get(domainId)!.state.queues.values()) this.countersOf(domainId, queue.queueId);
    }
    spec.callers.forEach((stream, index) => {
      if (!this.engines.has(stream.domainId))
        throw new Error(`callers of ${stream.queueId} dial ${stream.domainId}, which is not simulated`);
      this.scheduleArrival(index, 0);
    });
    for (const agent of this.agents.values()) {
      const { plan } = agent;
      this.calendar.schedule(spec.startAt + plan.loginAtMs, { kind: 'login', agentKey: agent.key });
      if (plan.logoutAtMs !== undefined)
        this.calendar.schedule(spec.startAt + plan.logoutAtMs, { kind: 'logout', agentKey: agent.key });
      for (const brk of plan.breaks)
        this.calendar.schedule(spec.startAt + brk.atMs, { kind: 'break', agentKey: agent.key, plan: brk });
    }
    this.calendar.schedule(this.endAt + spec.drainLimitMs, { kind: 'drain-limit' });

    this.loop();
    this.logOutEveryone();
    for (const agent of this.agents.values()) agent.clock.accrue(this.now);
    this.monitor.checkFinal(this.engines);
    return this.result(performance.now() - started);
  }

  private loop(): void {
    let advancesAtSameTime = 0;
    let lastAdvance = -1;
    for (;;) {
      const deadline = this.earliestDeadline();
      const next = this.calendar.peekTime();
      if (deadline !== undefined && (next === undefined || deadline.at <= next)) {
        if (this.finishedAt !== undefined && deadline.at > this.finishedAt + SETTLE_LIMIT_MS) this.neverSettles();
        this.now = Math.max(this.now, deadline.at);
        advancesAtSameTime = this.now === lastAdvance ? advancesAtSameTime + 1 : 0;
        lastAdvance = this.now;
        if (advancesAtSameTime > 1_000) {
          throw new Error(
            `${deadline.domainId}: AdvanceTime at ${this.now} leaves a deadline at ${deadline.at} due (timer never fires)`,
          );
        }
        this.execute(deadline.domainId, { type: 'AdvanceTime' });
        continue;
      }
      const entry = this.calendar.pop();
      if (entry === undefined) return;
      // Once the last caller has left, only messages still on their way matter (e.g. a remote wrap-up to start).
      if (this.finishedAt !== undefined && entry.item.kind !== 'deliver') continue;
      this.now = Math.max(this.now, entry.at);
      this.handle(entry.item);
      if (this.finishedAt === undefined && this.now >= this.endAt && this.live === 0) this.finishedAt = this.now;
      if (this.finishedAt !== undefined && this.now > this.finishedAt + SETTLE_LIMIT_MS) this.neverSettles();
    }
  }

  private earliestDeadline(): { domainId: RoutingDomainId; at: number } | undefined {
    let earliest: { domainId: RoutingDomainId; at: number } | undefined;
    for (const [domainId, engine] of this.engines) {
      const at = engine.nextDeadline();
      if (at !== undefined && (earliest === undefined || at < earliest.at)) earliest = { domainId, at };
    }
    return earliest;
  }

  // ---- the simulated world ------------------------------------------------------------------------------------

  private handle(event: SimEvent): void {
    switch (event.kind) {
      case 'arrival':
        this.arrive(event.stream);
        return;
      case 'patience': {
        const caller = this.callers.get(event.interactionId);
        if (caller === undefined || caller.done || caller.connectedAt !== undefined) return;
        this.execute(caller.homeDomainId, { type: 'AbandonInteraction', interactionId: caller.interactionId });
        return;
      }
      case 'answer':
        this.answer(event.agentKey, event.interactionId, event.offerId, event.reject);
        return;
      case 'end-wrap-up': {
        const agent = this.agent(event.agentKey);
        const engineAgent = this.engineAgent(agent);
        if (engineAgent?.state === 'WrapUp' && engineAgent.interactionId === event.interactionId) {
          this.execute(agent.plan.domainId, { type: 'MakeAgentReady', agentId: agent.plan.agentId });
        }
        return;
      }
      case 'complete': {
        const caller = this.callers.get(event.interactionId);
        if (caller === undefined || caller.done) return;
        this.execute(caller.homeDomainId, { type: 'CompleteInteraction', interactionId: caller.interactionId });
        return;
      }
      case 'announce': {
        const caller = this.callers.get(event.interactionId);
        if (caller === undefined || caller.done || caller.connectedAt !== undefined) return;
        if (this.statusOf(caller) === 'waiting')
          this.execute(caller.homeDomainId, { type: 'AnnounceWait', interactionId: caller.interactionId });
        this.calendar.schedule(this.now + this.spec.announceEveryMs, {
          kind: 'announce',
          interactionId: caller.interactionId,
        });
        return;
      }
      case 'callback-decision': {
        const caller = this.callers.get(event.interactionId);
        if (caller === undefined || caller.done || this.statusOf(caller) !== 'waiting') return;
        this.execute(caller.homeDomainId, { type: 'RequestCallback', interactionId: caller.interactionId });
        return;
      }
      case 'login':
        this.logIn(this.agent(event.agentKey));
        return;
      case 'logout':
        this.logOut(this.agent(event.agentKey));
        return;
      case 'break':
        this.startBreak(this.agent(event.agentKey), event.plan);
        return;
      case 'break-end': {
        const agent = this.agent(event.agentKey);
        agent.onBreak = false;
        if (agent.logoutPending) this.logOut(agent);
        else if (this.engineAgent(agent)?.state === 'NotReady')
          this.execute(agent.plan.domainId, { type: 'MakeAgentReady', agentId: agent.plan.agentId });
        return;
      }
      case 'recover': {
        const agent = this.agent(event.agentKey);
        const engineAgent = this.engineAgent(agent);
        if (engineAgent?.state === 'NotReady' && engineAgent.reasonCode === 'missed-offer' && !agent.onBreak) {
          this.execute(agent.plan.domainId, { type: 'MakeAgentReady', agentId: agent.plan.agentId });
        }
        return;
      }
      case 'deliver':
        this.messagesDelivered++;
        this.executeCommand(event.toDomainId, {
          ...event.command,
          at: Math.max(event.command.at, this.now),
        } as RoutingCommand);
        return;
      case 'drain-limit':
        this.cancelWaiting();
        return;
      default: {
        const unknown: never = event;
        throw new Error(`unknown simulation event ${JSON.stringify(unknown)}`);
      }
    }
  }

  private scheduleArrival(streamIndex: number, afterMs: number): void {
    const stream = this.spec.callers[streamIndex];
    const at = nextArrival(stream.rate, this.streamRngs[streamIndex], afterMs, this.spec.durationMs);
    if (Number.isFinite(at))
      this.calendar.schedule(this.spec.startAt + Math.ceil(at), { kind: 'arrival', stream: streamIndex });
  }

  private arrive(streamIndex: number): void {
    const stream = this.spec.callers[streamIndex];
    const rng = this.streamRngs[streamIndex];
    this.scheduleArrival(streamIndex, this.now - this.spec.startAt);
    const interactionId = `${stream.queueId}-${++this.arrivals}`;
    const counters = this.countersOf(stream.domainId, stream.queueId);
    const queueConfig = this.engines.get(stream.domainId)!.state.queues.get(stream.queueId)?.config;
    const caller: Caller = {
      interactionId,
      kind: 'inbound',
      homeDomainId: stream.domainId,
      counters,
      thresholdMs: queueConfig?.serviceLevel.thresholdMs ?? 20_000,
      stream,
      handleMs: sample(rng, stream.handle),
      acceptsCallback: rng.chance(stream.callbackAcceptance),
      maxPromisedTotal: -1,
      callbackOffered: false,
      offeredToBranches: false,
      done: false,
    };
    const patienceMs = sample(rng, stream.patience);
    const vip = stream.vipShare !== undefined && rng.chance(stream.vipShare);
    this.callers.set(interactionId, caller);
    this.live++;
    counters.offered++;
    this.monitor.arrived(interactionId, stream.domainId);
    this.calendar.schedule(this.now + patienceMs, { kind: 'patience', interactionId });
    this.execute(stream.domainId, {
      type: 'QueueInteraction',
      interaction: {
        interactionId,
        queueId: stream.queueId,
        channel: 'voice',
        kind: 'inbound',
        customerAddress: `+7999${String(this.arrivals).padStart(7, '0')}`,
        ...(vip ? { vip } : {}),
      },
    });
  }

  /** The agent's phone rings: they answer after their ring delay, or miss it (the engine times the offer out). */
  private ring(agent: SimAgent, interactionId: string, offerId: string): void {
    if (agent.rng.chance(agent.plan.missProbability)) {
      agent.clock.missed++;
      return;
    }
    const reject = agent.rng.chance(agent.plan.rejectProbability ?? 0);
    this.calendar.schedule(this.now + sample(agent.rng, agent.plan.ringDelay), {
      kind: 'answer',
      agentKey: agent.key,
      interactionId,
      offerId,
      reject,
    });
  }

  private answer(agentKey: string, interactionId: string, offerId: string, reject: boolean): void {
    const agent = this.agent(agentKey);
    const engineAgent = this.engineAgent(agent);
    // Still ringing for this very offer? (The caller may have hung up, or the ring timed out first.)
    if (
      engineAgent?.state !== 'Reserved' ||
      engineAgent.interactionId !== interactionId ||
      engineAgent.offerId !== offerId ||
      engineAgent.claim !== undefined
    ) {
      return;
    }
    if (reject) {
      this.execute(agent.plan.domainId, { type: 'RejectOffer', interactionId, agentId: agent.plan.agentId });
      return;
    }
    const caller = this.callers.get(interactionId);
    // The caller is connected the moment the agent answers; a remote agent's home domain learns it a little later.
    if (caller !== undefined && !caller.done && caller.connectedAt === undefined) caller.connectedAt = this.now;
    this.execute(agent.plan.domainId, { type: 'AcceptOffer', interactionId, agentId: agent.plan.agentId });
  }

  private logIn(agent: SimAgent): void {
    if (this.engineAgent(agent) !== undefined) return;
    this.execute(agent.plan.domainId, {
      type: 'LogInAgent',
      agentId: agent.plan.agentId,
      extension: agent.plan.agentId,
    });
  }

  /** Logs out now if the agent holds no call; otherwise stops new calls and logs out once the current one is done. */
  private logOut(agent: SimAgent): void {
    const engineAgent = this.engineAgent(agent);
    if (engineAgent === undefined) return;
    if (engineAgent.state === 'Reserved' || engineAgent.state === 'Busy') {
      if (!agent.logoutPending) {
        agent.logoutPending = true;
        this.execute(agent.plan.domainId, {
          type: 'MakeAgentNotReady',
          agentId: agent.plan.agentId,
          reasonCode: this.logoutReason(agent),
        });
      }
      return;
    }
    agent.logoutPending = false;
    this.execute(agent.plan.domainId, { type: 'LogOutAgent', agentId: agent.plan.agentId });
  }

  private logoutReason(agent: SimAgent): string {
    return agent.plan.breaks[0]?.reasonCode ?? 'break';
  }

  private startBreak(agent: SimAgent, plan: AgentBreak): void {
    const engineAgent = this.engineAgent(agent);
    if (engineAgent === undefined || agent.onBreak || agent.logoutPending || agent.breakPending !== undefined) return;
    if (engineAgent.state === 'NotReady' && engineAgent.reasonCode === plan.reasonCode) return;
    agent.breakPending = plan;
    this.execute(agent.plan.domainId, {
      type: 'MakeAgentNotReady',
      agentId: agent.plan.agentId,
      reasonCode: plan.reasonCode,
    });
  }

  /** After the drain limit: callers still waiting (callbacks nobody serves) are cancelled. */
  private cancelWaiting(): void {
    for (const caller of this.callers.values()) {
      if (caller.done || caller.connectedAt !== undefined) continue;
      if (this.statusOf(caller) === 'waiting')
        this.execute(caller.homeDomainId, { type: 'AbandonInteraction', interactionId: caller.interactionId });
    }
    if (this.live > 0) {
      if (this.now > this.endAt + this.spec.drainLimitMs + DRAIN_GIVE_UP_MS) {
        const stuck = [...this.callers.values()]
          .filter((c) => !c.done)
          .map((c) => `${c.interactionId} (${this.statusOf(c) ?? 'gone'})`);
        throw new InvariantViolation('no-lost-interaction', `callers never leave: ${stuck.slice(0, 5).join(', ')}`);
      }
      this.calendar.schedule(this.now + DRAIN_RETRY_MS, { kind: 'drain-limit' });
    }
  }

  /** Domains keep exchanging messages or firing timers long after the last caller left: say what they hold. */
  private neverSettles(): never {
    const held = [...this.engines].map(([domainId, engine]) => {
      const claimed = [...engine.state.agents.values()].filter((agent) => agent.interactionId !== undefined);
      return (
        `${domainId}: overflow offers of other domains [${[...engine.state.remoteOffers.keys()].join(', ')}], ` +
        `agents holding interactions [${claimed.map((agent) => `${agent.agentId}:${agent.state}:${agent.interactionId}`).join(', ')}]`
      );
    });
    throw new InvariantViolation(
      'no-lost-interaction',
      `the domains still exchange messages or fire timers ${SETTLE_LIMIT_MS / 60_000} minutes after the last caller left; ${held.join('; ')}`,
    );
  }

  private logOutEveryone(): void {
    for (const agent of this.agents.values()) {
      const engineAgent = this.engineAgent(agent);
      if (engineAgent === undefined) continue;
      if (engineAgent.state === 'Busy' || engineAgent.state === 'Reserved') {
        throw new InvariantViolation(
          'no-lost-interaction',
          `${agent.key} is ${engineAgent.state} with ${engineAgent.interactionId} after the last caller left`,
        );
      }
      this.execute(agent.plan.domainId, { type: 'LogOutAgent', agentId: agent.plan.agentId });
    }
  }

  // ---- the engines ------------------------------------------------------------------------------------------------

  private execute(domainId: RoutingDomainId, body: CommandBody): RoutingEvent[] {
    return this.executeCommand(domainId, {
      ...body,
      commandId: `sim-${++this.commandSeq}`,
      at: this.now,
    } as RoutingCommand);
  }

  private executeCommand(domainId: RoutingDomainId, command: RoutingCommand): RoutingEvent[] {
    const engine = this.engines.get(domainId);
    if (engine === undefined) throw new Error(`no engine for ${domainId}`);
    const decision = engine.execute(command);
    this.commands++;
    if (!decision.ok) throw new RefusedCommandError(domainId, command, decision.error.code, decision.error.message);
    for (const event of decision.events) this.observe(domainId, event);
    if (this.spec.checkInvariants !== false) this.monitor.checkEngines(this.engines);
    for (const queue of engine.state.queues.values()) {
      if (queue.waiting.length > 0) {
        const counters = this.countersOf(domainId, queue.queueId);
        if (queue.waiting.length > counters.maxWaiting) counters.maxWaiting = queue.waiting.length;
      }
    }
    return decision.events;
  }

  /** What the simulated world does about one routing event (and where the invariants are watched). */
  private observe(domainId: RoutingDomainId, event: RoutingEvent): void {
    this.events++;
    this.monitor.onEvent(domainId, event);
    if (this.spec.keepEvents === true) this.eventLog.get(domainId)!.push(event);
    const message = domainMessageOf(domainId, event);
    if (message !== undefined) this.send(message.toDomainId, message.command);

    switch (event.type) {
      case 'InteractionQueued':
        this.queued(event);
        return;
      case 'InteractionOffered': {
        const caller = this.callers.get(event.interactionId);
        if (caller !== undefined) caller.offeredTo = `${event.agentDomainId}|${event.agentId}`;
        if (event.agentDomainId === domainId)
          this.ring(this.agent(`${domainId}|${event.agentId}`), event.interactionId, event.offerId);
        return;
      }
      case 'RemoteOfferRinging':
        this.ring(this.agent(`${domainId}|${event.agentId}`), event.interactionId, event.claimId);
        return;
      case 'OfferAccepted':
        this.accepted(domainId, event);
        return;
      case 'InteractionAbandoned': {
        const caller = this.caller(event.interactionId);
        this.finish(caller);
        if (caller.kind === 'callback') {
          caller.counters.callbacksCancelled++;
        } else {
          caller.counters.abandoned++;
          caller.counters.abandonWaitSumMs += event.waitMs;
          if (event.shortAbandon) caller.counters.shortAbandons++;
        }
        return;
      }
      case 'InteractionCompleted':
        this.finish(this.caller(event.interactionId));
        return;
      case 'InteractionOverflowed': {
        const caller = this.caller(event.interactionId);
        switch (event.action.kind) {
          case 'partner':
          case 'voicemail':
            this.finish(caller);
            if (caller.kind === 'callback') caller.counters.callbacksCancelled++;
            else caller.counters.overflowed++;
            return;
          case 'queue':
            caller.counters.movedToQueue++;
            return;
          case 'branches':
            this.reachedBranches(caller);
            return;
          case 'callback':
            return;
          default: {
            const unknown: never = event.action;
            throw new Error(`unknown overflow action ${JSON.stringify(unknown)}`);
          }
        }
      }
      case 'TargetsExpanded':
        if (event.branchIds.length > 0) this.reachedBranches(this.caller(event.interactionId));
        return;
      case 'CallbackOffered': {
        const caller = this.caller(event.interactionId);
        if (caller.kind !== 'inbound' || caller.callbackOffered) return;
        caller.callbackOffered = true;
        caller.counters.callbacksOffered++;
        if (caller.acceptsCallback) {
          this.calendar.schedule(this.now + (caller.stream.callbackDecisionMs ?? 5_000), {
            kind: 'callback-decision',
            interactionId: caller.interactionId,
          });
        }
        return;
      }
      case 'CallbackRequested': {
        const caller = this.caller(event.interactionId);
        this.finish(caller);
        caller.counters.callbacksRequested++;
        const rng = this.streamRngs[this.spec.callers.indexOf(caller.stream)];
        this.callers.set(event.callbackInteractionId, {
          ...caller,
          interactionId: event.callbackInteractionId,
          kind: 'callback',
          handleMs: sample(rng, caller.stream.handle),
          acceptsCallback: false,
          predictions: undefined,
          lastTold: undefined,
          offeredTo: undefined,
          connectedAt: undefined,
          done: false,
        });
        this.live++;
        return;
      }
      case 'WaitAnnounced':
        this.announced(this.caller(event.interactionId), event.estimate);
        return;
      case 'AgentStateChanged':
        this.agentStateChanged(domainId, event);
        return;
      default:
        return;
    }
  }

  private queued(event: Extract<RoutingEvent, { type: 'InteractionQueued' }>): void {
    const caller = this.caller(event.interaction.interactionId);
    if (caller.kind !== 'inbound' || caller.predictions !== undefined) return;
    caller.predictions = event.predictions;
    caller.announcedAtArrival = event.estimate.remainingMs;
    caller.lastTold = event.estimate;
    caller.maxPromisedTotal = event.estimate.waitedMs + event.estimate.remainingMs;
    if (this.spec.announceEveryMs > 0) {
      this.calendar.schedule(this.now + this.spec.announceEveryMs, {
        kind: 'announce',
        interactionId: caller.interactionId,
      });
    }
  }

  private accepted(domainId: RoutingDomainId, event: Extract<RoutingEvent, { type: 'OfferAccepted' }>): void {
    const caller = this.caller(event.interactionId);
    const agentKey = caller.offeredTo ?? `${domainId}|${event.agentId}`;
    const agent = this.agents.get(agentKey);
    if (agent !== undefined) agent.clock.handled++;
    const connectedAt = caller.connectedAt ?? this.now;
    caller.connectedAt = connectedAt;
    const talkMs = Math.round(caller.handleMs * (agent?.plan.speed ?? 1));
    this.calendar.schedule(Math.max(this.now, connectedAt + talkMs), {
      kind: 'complete',
      interactionId: caller.interactionId,
    });
    const { counters } = caller;
    if (caller.kind === 'callback') {
      counters.callbacksServed++;
      return;
    }
    counters.answered++;
    counters.answerWaitSumMs += event.waitMs;
    if (event.waitMs <= caller.thresholdMs) counters.answeredWithinThreshold++;
    if (!agentKey.startsWith(`${domainId}|`)) counters.answeredRemotely++;
    if (caller.predictions !== undefined) {
      for (const name of WAIT_PREDICTOR_NAMES) {
        const predicted = caller.predictions[name];
        if (!isUnboundedWait(predicted)) counters.accuracy[name].add(predicted, event.waitMs);
      }
    }
    if (caller.announcedAtArrival !== undefined && !isUnboundedWait(caller.announcedAtArrival)) {
      counters.accuracy.announced.add(caller.announcedAtArrival, event.waitMs);
    }
  }

  /**
   * Honest announcements, as the caller hears them. An announcement equal to the last one says nothing new. Any
   * other never promises an earlier total than the standing promise; once the caller has outwaited the promise, the
   * new one promises a strictly later total with a different figure (not "a minute and a half" again). Restating
   * what is left of a standing promise keeps its total and is fine.
   */
  private announced(caller: Caller, estimate: AnnouncedWait): void {
    const told = caller.lastTold;
    if (told !== undefined && told.waitedMs === estimate.waitedMs && told.remainingMs === estimate.remainingMs) return;
    const standing = caller.maxPromisedTotal;
    const total = estimate.waitedMs + estimate.remainingMs;
    const expired = told !== undefined && estimate.waitedMs >= standing;
    caller.counters.reannouncements++;
    if (total < standing || (expired && (total <= standing || estimate.remainingMs === told.remainingMs)))
      caller.counters.repeatedTotals++;
    caller.maxPromisedTotal = Math.max(standing, total);
    caller.lastTold = estimate;
  }

  private reachedBranches(caller: Caller): void {
    if (caller.offeredToBranches || caller.kind !== 'inbound') return;
    caller.offeredToBranches = true;
    caller.counters.offeredToBranches++;
  }

  private agentStateChanged(
    domainId: RoutingDomainId,
    event: Extract<RoutingEvent, { type: 'AgentStateChanged' }>,
  ): void {
    const agent = this.agent(`${domainId}|${event.agentId}`);
    agent.clock.change(event.to, event.at);
    agent.state = event.to;
    if (
      event.to === 'WrapUp' &&
      event.until !== undefined &&
      agent.rng.chance(agent.plan.endWrapUpEarlyProbability ?? 0)
    ) {
      const interactionId = this.engines.get(domainId)?.state.agents.get(event.agentId)?.interactionId ?? '';
      this.calendar.schedule(this.now + Math.floor((event.until - this.now) / 2), {
        kind: 'end-wrap-up',
        agentKey: agent.key,
        interactionId,
      });
    }
    if (event.to !== 'NotReady') return;
    const at = this.now;
    if (agent.logoutPending) {
      this.calendar.schedule(at, { kind: 'logout', agentKey: agent.key });
    } else if (event.reasonCode === 'missed-offer') {
      if (agent.breakPending !== undefined) {
        // The break asked for while ringing starts now instead of the recovery.
        const plan = agent.breakPending;
        agent.breakPending = undefined;
        this.calendar.schedule(at, { kind: 'break', agentKey: agent.key, plan });
      } else {
        this.calendar.schedule(at + agent.plan.recoverAfterMissMs, { kind: 'recover', agentKey: agent.key });
      }
    } else if (agent.breakPending !== undefined && event.reasonCode === agent.breakPending.reasonCode) {
      agent.onBreak = true;
      this.calendar.schedule(at + agent.breakPending.durationMs, { kind: 'break-end', agentKey: agent.key });
      agent.breakPending = undefined;
    }
  }

  private send(toDomainId: RoutingDomainId, command: RoutingCommand): void {
    if (!this.engines.has(toDomainId)) {
      this.messagesDropped++;
      return;
    }
    // One partition per domain: messages to a domain arrive in the order they were sent.
    const jitter =
      this.spec.messageJitterMs === undefined ? 0 : Math.floor(this.busRng.uniform() * this.spec.messageJitterMs);
    const at = Math.max(this.now + this.spec.messageLatencyMs + jitter, this.lastDelivery.get(toDomainId) ?? 0);
    this.lastDelivery.set(toDomainId, at);
    this.calendar.schedule(at, { kind: 'deliver', toDomainId, command });
  }

  // ---- helpers ----------------------------------------------------------------------------------------------------

  private finish(caller: Caller): void {
    if (caller.done) return;
    caller.done = true;
    this.live--;
  }

  private statusOf(caller: Caller): string | undefined {
    return this.engines.get(caller.homeDomainId)?.state.interactions.get(caller.interactionId)?.status;
  }

  private caller(interactionId: string): Caller {
    const caller = this.callers.get(interactionId);
    if (caller === undefined) throw new Error(`the engine routes ${interactionId}, which no simulated caller dialled`);
    return caller;
  }

  private agent(key: string): SimAgent {
    const agent = this.agents.get(key);
    if (agent === undefined) throw new Error(`the engine routes to ${key}, which is not a simulated agent`);
    return agent;
  }

  private engineAgent(agent: SimAgent) {
    return this.engines.get(agent.plan.domainId)?.state.agents.get(agent.plan.agentId);
  }

  private countersOf(domainId: RoutingDomainId, queueId: string): QueueCounters {
    const key = `${domainId}|${queueId}`;
    let counters = this.counters.get(key);
    if (counters === undefined) {
      counters = new QueueCounters();
      this.counters.set(key, counters);
    }
    return counters;
  }

  private result(wallMs: number): SimulationResult {
    const queues: QueueReport[] = [];
    const total = new QueueCounters();
    for (const [key, counters] of this.counters) {
      const [domainId, queueId] = key.split('|');
      const engine = this.engines.get(domainId)!;
      const status = queueStatus(engine.state, queueId);
      queues.push({
        domainId,
        queueId,
        thresholdMs: engine.state.queues.get(queueId)?.config.serviceLevel.thresholdMs ?? 20_000,
        counters,
        chosenPredictor: status?.predictor,
        engineRase: status?.predictorAccuracy,
      });
      total.add(counters);
    }
    const agents: AgentReport[] = [...this.agents.values()].map((agent) => ({
      domainId: agent.plan.domainId,
      agentId: agent.plan.agentId,
      speed: agent.plan.speed,
      handled: agent.clock.handled,
      missed: agent.clock.missed,
      occupancy: agent.clock.occupancy,
      msIn: { ...agent.clock.msIn },
    }));
    const occupancies = agents.map((agent) => agent.occupancy).filter((value): value is number => value !== null);
    return {
      name: this.spec.name,
      seed: this.spec.seed,
      startAt: this.spec.startAt,
      durationMs: this.spec.durationMs,
      endedAt: this.now,
      queues,
      total,
      agents,
      occupancy: spread(occupancies),
      engine: {
        commands: this.commands,
        events: this.events,
        messagesDelivered: this.messagesDelivered,
        messagesDropped: this.messagesDropped,
        invariantChecks: this.monitor.checks,
        wallMs,
      },
      events: this.spec.keepEvents === true ? this.eventLog : undefined,
      engines: this.engines,
    };
  }
}

export function simulate(spec: SimulationSpec): SimulationResult {
  return new Simulation(spec).run();
}
