import { type EpochMs } from '../config/routing-config';
import { decide, type RoutingDecision } from './decide';
import { evolve } from './evolve';
import { type RoutingCommand } from './routing-commands';
import { type RoutingDomainId } from './routing-domain';
import { type RoutingEvent } from './routing-events';
import { initialRoutingState, type RoutingDomainState } from './routing-state';
import { fromSnapshot, toSnapshot } from './snapshot';
import { nextDeadline } from './time-commands';

/**
 * One routing domain's engine: its state, the commands it decides and the events it replays. Holds no clock and
 * no I/O; the routing service, the simulator and the benchmark drive it.
 */
export class RoutingEngine {
  readonly state: RoutingDomainState;

  constructor(domainId: RoutingDomainId, state: RoutingDomainState = initialRoutingState(domainId)) {
    this.state = state;
  }

  /** An engine with its own copy of this one's state (an owner taking over from a read copy). */
  static copyOf(engine: RoutingEngine): RoutingEngine {
    return new RoutingEngine(engine.state.domainId, fromSnapshot(toSnapshot(engine.state)));
  }

  static replay(domainId: RoutingDomainId, events: Iterable<RoutingEvent>): RoutingEngine {
    const engine = new RoutingEngine(domainId);
    for (const event of events) engine.apply(event);
    return engine;
  }

  execute(command: RoutingCommand): RoutingDecision {
    return decide(this.state, command);
  }

  /** Applies an event decided before (rebuilding the state from the log). */
  apply(event: RoutingEvent): void {
    evolve(this.state, event);
  }

  /** When the next timer falls due; an AdvanceTime command at that time fires it. */
  nextDeadline(): EpochMs | undefined {
    return nextDeadline(this.state);
  }
}
