import { type RoutingEvent } from '@cc/acd';
import { InvariantMonitor, InvariantViolation } from './invariants';

const MSK = 'acme/msk';
const base = { at: 0, commandId: 'c' };

/** The events the invariants look at, with only the fields they read filled in. */
const ev = {
  queued: (interactionId: string) =>
    ({ ...base, type: 'InteractionQueued', interaction: { interactionId } }) as unknown as RoutingEvent,
  offered: (interactionId: string, agentId: string, offerId = `${interactionId}#1`) =>
    ({
      ...base,
      type: 'InteractionOffered',
      interactionId,
      agentId,
      agentDomainId: MSK,
      offerId,
    }) as unknown as RoutingEvent,
  reserved: (agentId: string) =>
    ({ ...base, type: 'AgentStateChanged', agentId, from: 'Available', to: 'Reserved' }) as unknown as RoutingEvent,
  accepted: (interactionId: string, agentId: string) =>
    ({ ...base, type: 'OfferAccepted', interactionId, agentId }) as unknown as RoutingEvent,
  abandoned: (interactionId: string) =>
    ({ ...base, type: 'InteractionAbandoned', interactionId }) as unknown as RoutingEvent,
};

function violationOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof InvariantViolation) return error.invariant;
    throw error;
  }
  return undefined;
}

describe('the invariant monitor', () => {
  it('accepts a call offered, answered and abandoned by the rules', () => {
    const monitor = new InvariantMonitor();
    monitor.arrived('c1', MSK);
    for (const event of [ev.queued('c1'), ev.offered('c1', 'a1'), ev.reserved('a1'), ev.accepted('c1', 'a1')])
      monitor.onEvent(MSK, event);
    expect(monitor.endingOf('c1')).toBe('answered');
  });

  it('catches an interaction offered to a second agent while the first offer stands', () => {
    const monitor = new InvariantMonitor();
    monitor.arrived('c1', MSK);
    monitor.onEvent(MSK, ev.queued('c1'));
    monitor.onEvent(MSK, ev.offered('c1', 'a1'));
    expect(violationOf(() => monitor.onEvent(MSK, ev.offered('c1', 'a2', 'c1#2')))).toBe('interaction-offered-twice');
  });

  it('catches an agent offered a second interaction while ringing for the first', () => {
    const monitor = new InvariantMonitor();
    monitor.arrived('c1', MSK);
    monitor.arrived('c2', MSK);
    monitor.onEvent(MSK, ev.offered('c1', 'a1'));
    expect(violationOf(() => monitor.onEvent(MSK, ev.offered('c2', 'a1')))).toBe('agent-in-two-interactions');
  });

  it('catches an arrival that ends twice, or never', () => {
    const monitor = new InvariantMonitor();
    monitor.arrived('c1', MSK);
    monitor.onEvent(MSK, ev.abandoned('c1'));
    expect(violationOf(() => monitor.onEvent(MSK, ev.abandoned('c1')))).toBe('arrival-ends-once');

    const other = new InvariantMonitor();
    other.arrived('c2', MSK);
    expect(violationOf(() => other.checkFinal(new Map()))).toBe('no-lost-interaction');
  });
});
