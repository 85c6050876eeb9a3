import { domainMessageOf } from './domain-messages';
import { agentView, interactionView } from './queries';
import { type RoutingEngine } from './routing-engine';
import { type RoutingEvent } from './routing-events';
import { agent, cmd, engineWith, expectOk, MSK, NSK, queue, summary, tenantEvents } from './routing-spec-kit';

const support = queue('msk-support', 'support', {
  requiredSkills: [{ skillId: 'support', minLevel: 7 }],
  expansion: [
    { afterMs: 30_000, action: { kind: 'relax-skill-levels', minLevel: 1 } },
    { afterMs: 60_000, action: { kind: 'branches', branchIds: ['nsk'] } },
    { afterMs: 180_000, action: { kind: 'partner', partnerId: 'partner' } },
  ],
});

describe('bullseye: targets expand with the wait', () => {
  const config = tenantEvents(
    [support],
    [agent('1001', { support: 3 }), agent('2001', { support: 8 }, { branchId: 'nsk' })],
  );

  it('relaxes skill levels after T1, so a lower level agent gets the call', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1001', 0)));
    expect(summary(expectOk(engine.execute(cmd.call('c1', 'msk-support', 0))))).toEqual([
      'queued c1 in msk-support at 1',
    ]);

    expect(summary(expectOk(engine.execute(cmd.tick(30))))).toEqual([
      'TargetsExpanded',
      'offered c1 to 1001',
      '1001 Available->Reserved',
    ]);
  });

  it('offers the call to the other branch after T2 and to the partner centre after T3', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.call('c1', 'msk-support', 0)));
    expectOk(engine.execute(cmd.tick(30)));

    const atT2 = expectOk(engine.execute(cmd.tick(60)));
    expect(summary(atT2)).toEqual(['TargetsExpanded', 'OverflowOfferSent']);
    expect(atT2[1]).toMatchObject({
      toDomainId: NSK,
      offer: { interactionId: 'c1', homeDomainId: MSK, requiredSkills: [{ skillId: 'support', minLevel: 1 }] },
    });

    const atT3 = expectOk(engine.execute(cmd.tick(180)));
    expect(summary(atT3)).toEqual(['TargetsExpanded', 'OverflowOfferWithdrawn', 'InteractionOverflowed']);
    expect(atT3[2]).toMatchObject({
      action: { kind: 'partner', partnerId: 'partner' },
      trunkUri: 'sip:overflow@partner.invalid',
      reason: 'expansion',
    });
    expect(interactionView(engine.state, 'c1')).toBeUndefined();
  });
});

describe('immediate overflow', () => {
  it('goes to the configured target at once when no agent who could serve the queue is logged in', () => {
    const engine = engineWith(
      tenantEvents(
        [queue('msk-billing', 'billing', { whenNoAgentLoggedIn: { kind: 'voicemail' } })],
        [agent('1001', { billing: 5 })],
      ),
    );
    const events = expectOk(engine.execute(cmd.call('c1', 'msk-billing', 0)));
    expect(summary(events)).toEqual(['queued c1 in msk-billing at 1', 'InteractionOverflowed']);
    expect(events[1]).toMatchObject({ action: { kind: 'voicemail' }, reason: 'no-agent-logged-in' });
  });

  it('moves the call to another queue when the estimated wait is above the threshold', () => {
    const engine = engineWith(
      tenantEvents(
        [
          queue('msk-support', 'support'),
          queue('msk-sales', 'sales', {
            whenEstimatedWaitAbove: { thresholdMs: 60_000, action: { kind: 'queue', queueId: 'msk-support' } },
          }),
        ],
        [agent('1001', { sales: 5 }), agent('1002', { support: 5 })],
      ),
    );
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.call('busy', 'msk-sales', 0)));
    expectOk(engine.execute(cmd.accept('busy', '1001', 1)));
    expectOk(engine.execute(cmd.login('1002', 3)));

    // The only sales agent is talking; with no history the estimate is a default handle time of minutes.
    const events = expectOk(engine.execute(cmd.call('late', 'msk-sales', 4)));
    expect(summary(events)).toEqual([
      'queued late in msk-sales at 1',
      'InteractionOverflowed',
      'offered late to 1002',
      '1002 Available->Reserved',
    ]);
    expect(events[0]).toMatchObject({ estimate: { remainingMs: expect.any(Number) } });
    expect((events[0] as Extract<RoutingEvent, { type: 'InteractionQueued' }>).estimate.remainingMs).toBeGreaterThan(
      60_000,
    );
    expect(events[1]).toMatchObject({ action: { kind: 'queue', queueId: 'msk-support' }, reason: 'estimated-wait' });
  });
});

/** Two domains wired together: every message an event addresses to the other domain is delivered at once. */
class TwoBranches {
  readonly engines: Record<string, RoutingEngine>;
  readonly log: Array<{ domainId: string; event: RoutingEvent }> = [];

  constructor(
    config = tenantEvents(
      [support],
      [agent('1001', { support: 8 }), agent('2001', { support: 8 }, { branchId: 'nsk' })],
    ),
  ) {
    this.engines = { [MSK]: engineWith(config, MSK), [NSK]: engineWith(config, NSK) };
  }

  run(domainId: string, command: Parameters<RoutingEngine['execute']>[0]): RoutingEvent[] {
    const events = expectOk(this.engines[domainId].execute(command));
    for (const event of events) this.log.push({ domainId, event });
    for (const event of events) {
      const message = domainMessageOf(domainId, event);
      if (message !== undefined) this.run(message.toDomainId, message.command);
    }
    return events;
  }

  /** Like run, but holds back messages for the caller to deliver later (a slow network). */
  runHolding(
    domainId: string,
    command: Parameters<RoutingEngine['execute']>[0],
  ): Array<ReturnType<typeof domainMessageOf>> {
    const events = expectOk(this.engines[domainId].execute(command));
    return events.map((event) => domainMessageOf(domainId, event)).filter((message) => message !== undefined);
  }
}

describe('overflow between branches', () => {
  it('the other branch claims an agent, the home grants it, and the call connects there', () => {
    const net = new TwoBranches();
    net.run(NSK, cmd.login('2001', 0));
    net.run(MSK, cmd.call('c1', 'msk-support', 0));
    net.run(MSK, cmd.tick(30));
    net.run(MSK, cmd.tick(60));

    expect(net.log.filter((entry) => entry.domainId === NSK).map((entry) => entry.event.type)).toEqual([
      'AgentLoggedIn',
      'AgentStateChanged',
      'RemoteOfferReceived',
      'AgentClaimed',
      'AgentStateChanged',
      'RemoteOfferRinging',
    ]);
    expect(interactionView(net.engines[MSK].state, 'c1')).toMatchObject({ status: 'offered', agentId: '2001' });
    expect(agentView(net.engines[NSK].state, '2001')).toMatchObject({ state: 'Reserved', interactionId: 'c1' });

    net.run(NSK, cmd.accept('c1', '2001', 65));
    expect(interactionView(net.engines[MSK].state, 'c1')).toMatchObject({ status: 'connected', agentId: '2001' });
    expect(agentView(net.engines[NSK].state, '2001')).toMatchObject({ state: 'Busy' });

    net.run(MSK, cmd.complete('c1', 125));
    expect(net.engines[MSK].state.interactions.size).toBe(0);
    expect(agentView(net.engines[NSK].state, '2001')).toMatchObject({ state: 'WrapUp' });
  });

  it('when a home agent frees first, the late claim is declined and the remote agent is released', () => {
    const net = new TwoBranches();
    net.run(NSK, cmd.login('2001', 0));
    net.run(MSK, cmd.call('c1', 'msk-support', 0));
    net.run(MSK, cmd.tick(30));
    const [offer] = net.runHolding(MSK, cmd.tick(60));
    // nsk receives the offer and claims 2001, but the claim is still on its way when 1001 logs in at home.
    const claims = net.runHolding(NSK, offer!.command);
    net.run(MSK, cmd.login('1001', 61));
    expect(interactionView(net.engines[MSK].state, 'c1')).toMatchObject({ status: 'offered', agentId: '1001' });

    for (const claim of claims) net.run(claim!.toDomainId, claim!.command);

    expect(interactionView(net.engines[MSK].state, 'c1')).toMatchObject({ status: 'offered', agentId: '1001' });
    expect(agentView(net.engines[NSK].state, '2001')).toMatchObject({ state: 'Available', interactionId: undefined });
    expect(net.engines[NSK].state.remoteOffers.size).toBe(0);
  });

  it('a remote agent who does not answer hands the call back to the home queue', () => {
    const net = new TwoBranches();
    net.run(NSK, cmd.login('2001', 0));
    net.run(MSK, cmd.call('c1', 'msk-support', 0));
    net.run(MSK, cmd.tick(30));
    net.run(MSK, cmd.tick(60));

    net.run(NSK, cmd.tick(60 + 15));

    expect(agentView(net.engines[NSK].state, '2001')).toMatchObject({ state: 'NotReady', reasonCode: 'missed-offer' });
    expect(interactionView(net.engines[MSK].state, 'c1')).toMatchObject({ status: 'waiting', position: 1 });
  });

  it('the caller hanging up withdraws the call from the remote agent', () => {
    const net = new TwoBranches();
    net.run(NSK, cmd.login('2001', 0));
    net.run(MSK, cmd.call('c1', 'msk-support', 0));
    net.run(MSK, cmd.tick(30));
    net.run(MSK, cmd.tick(60));

    net.run(MSK, cmd.abandon('c1', 62));

    expect(agentView(net.engines[NSK].state, '2001')).toMatchObject({ state: 'Available' });
    expect(net.engines[MSK].state.interactions.size).toBe(0);
  });

  it('never assigns one call twice when both branches free an agent at the same moment', () => {
    const net = new TwoBranches();
    net.run(MSK, cmd.call('c1', 'msk-support', 0));
    net.run(MSK, cmd.tick(30));
    net.run(MSK, cmd.tick(60));
    // nsk has the offer; now both branches log in an agent at the same instant.
    net.run(NSK, cmd.login('2001', 70));
    net.run(MSK, cmd.login('1001', 70));

    const offers = net.log.filter((entry) => entry.event.type === 'InteractionOffered');
    expect(offers).toHaveLength(1);
    const busy = [agentView(net.engines[MSK].state, '1001'), agentView(net.engines[NSK].state, '2001')].filter(
      (view) => view?.state === 'Reserved',
    );
    expect(busy).toHaveLength(1);
  });
});
