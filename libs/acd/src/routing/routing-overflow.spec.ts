import { type ConfigEvent } from '../config/config-events';
import { type DomainMessage, domainMessageOf } from './domain-messages';
import { agentView, interactionView } from './queries';
import { type RoutingCommand } from './routing-commands';
import { type RoutingEngine } from './routing-engine';
import { type RoutingEvent } from './routing-events';
import { type RoutingDomainState } from './routing-state';
import { agent, cmd, engineWith, expectOk, MSK, NSK, queue, sec, summary, tenantEvents } from './routing-spec-kit';

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

  it('a remote agent who declines is not claimed again for the call; the next agent of that branch gets it', () => {
    const net = new TwoBranches(
      tenantEvents(
        [support],
        [agent('2001', { support: 8 }, { branchId: 'nsk' }), agent('2002', { support: 8 }, { branchId: 'nsk' })],
      ),
    );
    net.run(NSK, cmd.login('2001', 0));
    net.run(MSK, cmd.call('c1', 'msk-support', 0));
    net.run(MSK, cmd.tick(30));
    net.run(MSK, cmd.tick(60));
    expect(agentView(net.engines[NSK].state, '2001')).toMatchObject({ state: 'Reserved', interactionId: 'c1' });

    net.run(NSK, cmd.reject('c1', '2001', 61));
    // The home offers the call to nsk afresh; 2001 is free but declined it, so nsk keeps the offer unclaimed.
    expect(agentView(net.engines[NSK].state, '2001')).toMatchObject({ state: 'Available', interactionId: undefined });
    expect(net.engines[NSK].state.remoteOffers.get('c1')?.pendingClaimId).toBeUndefined();
    expect(interactionView(net.engines[MSK].state, 'c1')).toMatchObject({ status: 'waiting' });

    net.run(NSK, cmd.login('2002', 62));
    expect(agentView(net.engines[NSK].state, '2002')).toMatchObject({ state: 'Reserved', interactionId: 'c1' });
    expect(interactionView(net.engines[MSK].state, 'c1')).toMatchObject({ status: 'offered', agentId: '2002' });
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

/**
 * Two domains whose messages to each other arrive `latencyS` seconds late (decided at their time of arrival, as the
 * simulator delivers them), both ticking every second: a round trip longer than CLAIM_TIMEOUT_MS lets every claim
 * lapse before the home's answer comes back.
 */
class SlowNetwork {
  readonly engines: Record<string, RoutingEngine>;
  readonly log: Array<{ domainId: string; event: RoutingEvent }> = [];
  readonly inFlight: Array<{ dueS: number; message: DomainMessage }> = [];
  private nowS = 0;

  constructor(
    config: ConfigEvent[],
    readonly latencyS: number,
  ) {
    this.engines = { [MSK]: engineWith(config, MSK), [NSK]: engineWith(config, NSK) };
  }

  /** Runs a command now; what it addresses to the other domain leaves now and arrives latencyS later. */
  run(domainId: string, command: RoutingCommand): RoutingEvent[] {
    const events = expectOk(this.engines[domainId].execute(command));
    for (const event of events) {
      this.log.push({ domainId, event });
      const message = domainMessageOf(domainId, event);
      if (message !== undefined) this.inFlight.push({ dueS: this.nowS + this.latencyS, message });
    }
    return events;
  }

  /** Second by second up to `untilS`: the messages due, in the order they were sent, then a tick in each domain. */
  advanceTo(untilS: number): void {
    while (this.nowS < untilS) {
      this.nowS += 1;
      while (this.inFlight.length > 0 && this.inFlight[0].dueS <= this.nowS) {
        const { message } = this.inFlight.shift()!;
        this.run(message.toDomainId, { ...message.command, at: sec(this.nowS) });
      }
      this.run(MSK, cmd.tick(this.nowS));
      this.run(NSK, cmd.tick(this.nowS));
    }
  }

  eventsOf(domainId: string, type: RoutingEvent['type']): RoutingEvent[] {
    return this.log.filter((entry) => entry.domainId === domainId && entry.event.type === type).map((e) => e.event);
  }
}

describe('overflow when a round trip between branches takes longer than a claim may wait', () => {
  // nsk's callers may go to msk's agents after 10 s.
  const config = tenantEvents(
    [
      queue('nsk-support', 'support', {
        branchId: 'nsk',
        expansion: [{ afterMs: 10_000, action: { kind: 'branches', branchIds: ['msk'] } }],
      }),
      queue('msk-support', 'support'),
    ],
    [agent('m1', { support: 5 }), agent('n1', { support: 5 }, { branchId: 'nsk' })],
  );

  it('a lapsed claim is not repeated, and the offer ends at the remote branch once the call is answered at home', () => {
    const net = new SlowNetwork(config, 6);
    net.run(MSK, cmd.login('m1', 0));
    net.run(NSK, cmd.call('c1', 'nsk-support', 0));
    // At 10 s nsk offers c1 to msk; msk claims m1 at 16 s; the claim lapses at 21 s, before nsk's grant (sent at
    // 22 s) arrives at 28 s; msk hands the call back, which reaches nsk at 34 s.
    net.advanceTo(30);
    net.run(NSK, cmd.login('n1', 30));
    net.advanceTo(35);
    net.run(NSK, cmd.accept('c1', 'n1', 35));
    net.advanceTo(120);

    const nsk = net.engines[NSK].state;
    expect(net.eventsOf(MSK, 'AgentClaimed')).toHaveLength(1);
    expect(agentView(msk(net), 'm1')).toMatchObject({ state: 'Available', interactionId: undefined });
    expect(msk(net).agents.get('m1')?.claim).toBeUndefined();
    expect(msk(net).remoteOffers.has('c1')).toBe(false);
    expect(interactionView(nsk, 'c1')).toMatchObject({ status: 'connected', agentId: 'n1' });
    expect([...nsk.interactions.get('c1')!.overflowOfferedTo]).toEqual([]);
    // The home told msk the offer is over, and nothing more is on its way.
    expect(net.eventsOf(NSK, 'OverflowOfferWithdrawn')).toEqual([expect.objectContaining({ toDomainId: MSK })]);
    expect(net.inFlight).toEqual([]);
  });

  it('a lapsed claim waits for the home to answer it: a late grant is handed back, a late decline drops the offer', () => {
    const net = new SlowNetwork(config, 6);
    net.run(MSK, cmd.login('m1', 0));
    net.run(NSK, cmd.call('c1', 'nsk-support', 0));
    net.advanceTo(16);
    expect(net.eventsOf(MSK, 'AgentClaimed')).toHaveLength(1);

    // The claim lapses at 21 s: m1 is free again, but not claimed a second time for the same offer.
    net.advanceTo(21);
    expect(agentView(msk(net), 'm1')).toMatchObject({ state: 'Available' });
    expect(net.eventsOf(MSK, 'AgentClaimed')).toHaveLength(1);
    expect(msk(net).remoteOffers.has('c1')).toBe(true);

    // nsk granted the claim at 22 s; the grant finds m1 no longer claimed: the call goes back, the offer ends here.
    net.advanceTo(28);
    expect(net.eventsOf(MSK, 'RemoteOfferAnswered')).toEqual([expect.objectContaining({ outcome: 'released' })]);
    expect(msk(net).remoteOffers.has('c1')).toBe(false);

    // nsk takes the call back at 34 s, withdraws what msk might still hold and offers it afresh (no agent of its own).
    net.advanceTo(40);
    expect(net.eventsOf(NSK, 'OverflowOfferWithdrawn')).toEqual([expect.objectContaining({ toDomainId: MSK })]);
    expect(net.eventsOf(NSK, 'OverflowOfferSent')).toHaveLength(2);
    expect(net.eventsOf(MSK, 'AgentClaimed')).toHaveLength(2);

    // That claim lapses too, and nsk declines it (m1 had the call once): the decline drops the offer at msk.
    net.advanceTo(60);
    expect(msk(net).remoteOffers.has('c1')).toBe(false);
    expect(net.eventsOf(MSK, 'AgentClaimed')).toHaveLength(2);
    expect(agentView(msk(net), 'm1')).toMatchObject({ state: 'Available' });
    expect(msk(net).agents.get('m1')?.claim).toBeUndefined();
    expect(interactionView(net.engines[NSK].state, 'c1')).toMatchObject({ status: 'waiting' });
    expect(net.inFlight).toEqual([]);
  });

  it('after a remote branch hands a call back, the home offers it to that branch afresh', () => {
    const net = new SlowNetwork(
      tenantEvents(
        [
          queue('nsk-support', 'support', {
            branchId: 'nsk',
            expansion: [{ afterMs: 10_000, action: { kind: 'branches', branchIds: ['msk'] } }],
          }),
        ],
        [agent('m1', { support: 5 }), agent('m2', { support: 5 })],
      ),
      1,
    );
    net.run(MSK, cmd.login('m1', 0));
    net.run(MSK, cmd.login('m2', 1));
    net.run(NSK, cmd.call('c1', 'nsk-support', 0));
    net.advanceTo(14);
    expect(agentView(msk(net), 'm1')).toMatchObject({ state: 'Reserved', interactionId: 'c1' });

    net.run(MSK, cmd.reject('c1', 'm1', 14));
    net.advanceTo(20);

    expect(agentView(msk(net), 'm2')).toMatchObject({ state: 'Reserved', interactionId: 'c1' });
    expect(interactionView(net.engines[NSK].state, 'c1')).toMatchObject({ status: 'offered', agentId: 'm2' });
  });
});

function msk(net: SlowNetwork): RoutingDomainState {
  return net.engines[MSK].state;
}
