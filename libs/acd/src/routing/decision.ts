import { type EpochMs } from '../config/routing-config';
import { evolve } from './evolve';
import { type RoutingEvent } from './routing-events';
import { type RoutingDomainState } from './routing-state';

type EventBody<E> = E extends RoutingEvent ? Omit<E, 'at' | 'commandId'> : never;
export type NewRoutingEvent = EventBody<RoutingEvent>;

/**
 * One command being decided. A decision is a chain (an agent frees, so the next caller is offered, so ...); each
 * event is applied to the state as soon as it is chosen, so the next choice sees it, and a replay that applies
 * the same events with evolve() alone ends in the same state.
 */
export class Decision {
  readonly events: RoutingEvent[] = [];

  constructor(
    readonly state: RoutingDomainState,
    readonly commandId: string,
    /** The command's time, never earlier than the state's: time does not go back. */
    readonly now: EpochMs,
  ) {}

  emit(body: NewRoutingEvent): void {
    const event = { ...body, at: this.now, commandId: this.commandId } as RoutingEvent;
    evolve(this.state, event);
    this.events.push(event);
  }
}
