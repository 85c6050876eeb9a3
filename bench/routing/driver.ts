import { type AgentState, type RoutingCommand, type RoutingEngine, type RoutingEvent } from '@cc/acd';
import { LatencyRecorder } from '../shared/latency';
import { type BenchDomain } from './domain';
import { Rng, TimeOrderedQueue } from '@cc/discrete-event';

export interface LoadOptions {
  arrivalsPerSecond: number;
  talkMeanMs: number;
  talkSdMs: number;
  patienceMeanMs: number;
  ringDelayMinMs: number;
  ringDelayMaxMs: number;
  /** Share of offers nobody answers (the engine times them out and sets the agent NotReady). */
  missProbability: number;
  /** An agent who missed an offer makes themselves ready again after this long. */
  recoverMs: number;
}

type LoadEvent =
  | { kind: 'arrival' }
  | { kind: 'answer'; agentId: string; interactionId: string; offerId: string }
  | { kind: 'complete'; interactionId: string }
  | { kind: 'patience'; interactionId: string }
  | { kind: 'recover'; agentId: string }
  | { kind: 'sample' };

type CommandBody = RoutingCommand extends infer C
  ? C extends RoutingCommand
    ? Omit<C, 'commandId' | 'at'>
    : never
  : never;

/** What the measured window saw. */
export interface Measurement {
  commands: number;
  events: number;
  /** Time inside engine.execute, summed. */
  engineMs: number;
  /** Process CPU time (user + system) of the whole decide loop, driver included. */
  cpuMs: number;
  wallMs: number;
  simulatedMs: number;
  latency: LatencyRecorder;
  latencyByType: Map<string, LatencyRecorder>;
  arrivals: number;
  answered: number;
  abandoned: number;
  answerWaitSumMs: number;
  occupancySum: number;
  occupancySamples: number;
  maxWaiting: number;
}

/**
 * Drives one routing engine as a contact centre would, as fast as the CPU allows: Poisson arrivals over the queues
 * (by their share of capacity), agents answering after a ring delay, talking a lognormal time, callers hanging up
 * when their patience runs out, and the engine's timers fired by AdvanceTime at each deadline. Every command goes
 * through engine.execute, timed with process.hrtime.bigint; every event is kept for the replay figure.
 */
export class RoutingLoad {
  private readonly calendar = new TimeOrderedQueue<LoadEvent>();
  private readonly random: Rng;
  private readonly cumulativeShare: number[];
  private readonly interactions = new Map<string, { handleMs: number; connected: boolean }>();
  private readonly stateCounts: Record<AgentState, number> = {
    LoggedOut: 0,
    Available: 0,
    Reserved: 0,
    Busy: 0,
    WrapUp: 0,
    NotReady: 0,
  };
  readonly log: RoutingEvent[] = [];
  private now: number;
  private seq = 0;
  private arrivalSeq = 0;
  /** Poisson arrival times kept in fractions of a millisecond; commands carry whole milliseconds. */
  private arrivalClock: number;
  private measuring = false;
  private m: Measurement = emptyMeasurement();

  constructor(
    private readonly engine: RoutingEngine,
    private readonly domain: BenchDomain,
    private readonly options: LoadOptions,
    seed: number,
    startAt: number,
  ) {
    this.random = new Rng(seed);
    this.now = startAt;
    this.arrivalClock = startAt;
    let cumulative = 0;
    this.cumulativeShare = domain.arrivalShare.map((share) => (cumulative += share));
  }

  /** Applies the configuration and logs every agent in (Available), unmeasured. */
  setUp(): void {
    for (const event of this.domain.configEvents) {
      this.execute({ type: 'ApplyConfig', event } as CommandBody, `config-${event.version}`);
    }
    for (const agentId of this.domain.agentIds) this.execute({ type: 'LogInAgent', agentId });
    this.scheduleArrival();
    this.calendar.schedule(this.now + 1_000, { kind: 'sample' });
  }

  /** Runs the simulated centre for `durationMs`; measured or not (warm-up). */
  run(durationMs: number, measure: boolean): Measurement {
    this.measuring = measure;
    this.m = emptyMeasurement();
    const until = this.now + durationMs;
    const cpu0 = process.cpuUsage();
    const wall0 = process.hrtime.bigint();
    for (;;) {
      const deadline = this.engine.nextDeadline();
      const next = this.calendar.peekTime();
      if (deadline !== undefined && deadline <= until && (next === undefined || deadline <= next)) {
        this.now = Math.max(this.now, deadline);
        this.execute({ type: 'AdvanceTime' });
        continue;
      }
      if (next === undefined || next > until) break;
      const entry = this.calendar.pop()!;
      this.now = Math.max(this.now, entry.at);
      this.handle(entry.item);
    }
    this.now = until;
    const cpu = process.cpuUsage(cpu0);
    this.m.cpuMs = (cpu.user + cpu.system) / 1000;
    this.m.wallMs = Number(process.hrtime.bigint() - wall0) / 1e6;
    this.m.simulatedMs = durationMs;
    this.measuring = false;
    return this.m;
  }

  get time(): number {
    return this.now;
  }

  private handle(event: LoadEvent): void {
    switch (event.kind) {
      case 'arrival': {
        this.scheduleArrival();
        const interactionId = `i${++this.arrivalSeq}`;
        const queueId = this.domain.queueIds[this.queueIndex(this.random.uniform())];
        this.interactions.set(interactionId, {
          handleMs: Math.max(1_000, Math.round(this.random.lognormal(this.options.talkMeanMs, this.options.talkSdMs))),
          connected: false,
        });
        this.calendar.schedule(this.now + Math.round(this.random.exponential(this.options.patienceMeanMs)), {
          kind: 'patience',
          interactionId,
        });
        if (this.measuring) this.m.arrivals++;
        this.execute({
          type: 'QueueInteraction',
          interaction: { interactionId, queueId, channel: 'voice', kind: 'inbound', customerAddress: '+79990000000' },
        });
        return;
      }
      case 'answer': {
        const agent = this.engine.state.agents.get(event.agentId);
        if (
          agent?.state !== 'Reserved' ||
          agent.interactionId !== event.interactionId ||
          agent.offerId !== event.offerId
        )
          return;
        const interaction = this.interactions.get(event.interactionId);
        if (interaction !== undefined) interaction.connected = true;
        this.execute({ type: 'AcceptOffer', interactionId: event.interactionId, agentId: event.agentId });
        return;
      }
      case 'complete':
        if (this.interactions.has(event.interactionId))
          this.execute({ type: 'CompleteInteraction', interactionId: event.interactionId });
        return;
      case 'patience': {
        const interaction = this.interactions.get(event.interactionId);
        if (interaction === undefined || interaction.connected) return;
        this.execute({ type: 'AbandonInteraction', interactionId: event.interactionId });
        return;
      }
      case 'recover': {
        const agent = this.engine.state.agents.get(event.agentId);
        if (agent?.state === 'NotReady') this.execute({ type: 'MakeAgentReady', agentId: event.agentId });
        return;
      }
      case 'sample': {
        this.calendar.schedule(this.now + 1_000, { kind: 'sample' });
        if (!this.measuring) return;
        const c = this.stateCounts;
        const handling = c.Reserved + c.Busy + c.WrapUp;
        if (handling + c.Available > 0) {
          this.m.occupancySum += handling / (handling + c.Available);
          this.m.occupancySamples++;
        }
        return;
      }
      default: {
        const unknown: never = event;
        throw new Error(`unknown load event ${JSON.stringify(unknown)}`);
      }
    }
  }

  private execute(body: CommandBody, commandId = `c${++this.seq}`): void {
    const command = { ...body, commandId, at: this.now } as RoutingCommand;
    const t0 = process.hrtime.bigint();
    const decision = this.engine.execute(command);
    const elapsedMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!decision.ok)
      throw new Error(`the engine refused ${command.type}: ${decision.error.code}: ${decision.error.message}`);
    if (this.measuring) {
      const m = this.m;
      m.commands++;
      m.events += decision.events.length;
      m.engineMs += elapsedMs;
      m.latency.record(elapsedMs);
      let byType = m.latencyByType.get(command.type);
      if (byType === undefined) m.latencyByType.set(command.type, (byType = new LatencyRecorder()));
      byType.record(elapsedMs);
    }
    for (const event of decision.events) {
      this.log.push(event);
      this.observe(event);
    }
  }

  private observe(event: RoutingEvent): void {
    switch (event.type) {
      case 'AgentStateChanged':
        this.stateCounts[event.from]--;
        this.stateCounts[event.to]++;
        if (event.to === 'NotReady' && event.reasonCode === 'missed-offer') {
          this.calendar.schedule(this.now + this.options.recoverMs, { kind: 'recover', agentId: event.agentId });
        }
        return;
      case 'AgentLoggedIn':
        this.stateCounts.LoggedOut++;
        return;
      case 'AgentLoggedOut':
        this.stateCounts.LoggedOut--;
        return;
      case 'InteractionOffered':
        if (this.random.uniform() < this.options.missProbability) return;
        this.calendar.schedule(
          this.now + this.random.integer(this.options.ringDelayMinMs, this.options.ringDelayMaxMs),
          {
            kind: 'answer',
            agentId: event.agentId,
            interactionId: event.interactionId,
            offerId: event.offerId,
          },
        );
        return;
      case 'OfferAccepted': {
        const interaction = this.interactions.get(event.interactionId);
        if (interaction !== undefined)
          this.calendar.schedule(this.now + interaction.handleMs, {
            kind: 'complete',
            interactionId: event.interactionId,
          });
        if (this.measuring) {
          this.m.answered++;
          this.m.answerWaitSumMs += event.waitMs;
        }
        return;
      }
      case 'InteractionAbandoned':
        this.interactions.delete(event.interactionId);
        if (this.measuring) this.m.abandoned++;
        return;
      case 'InteractionCompleted':
        this.interactions.delete(event.interactionId);
        return;
      case 'InteractionQueued':
        if (this.measuring && event.position > this.m.maxWaiting) this.m.maxWaiting = event.position;
        return;
      default:
        return;
    }
  }

  private scheduleArrival(): void {
    this.arrivalClock += this.random.exponential(1000 / this.options.arrivalsPerSecond);
    this.calendar.schedule(Math.ceil(this.arrivalClock), { kind: 'arrival' });
  }

  private queueIndex(u: number): number {
    const shares = this.cumulativeShare;
    let lo = 0;
    let hi = shares.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (shares[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function emptyMeasurement(): Measurement {
  return {
    commands: 0,
    events: 0,
    engineMs: 0,
    cpuMs: 0,
    wallMs: 0,
    simulatedMs: 0,
    latency: new LatencyRecorder(),
    latencyByType: new Map(),
    arrivals: 0,
    answered: 0,
    abandoned: 0,
    answerWaitSumMs: 0,
    occupancySum: 0,
    occupancySamples: 0,
    maxWaiting: 0,
  };
}
