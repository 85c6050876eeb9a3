import { agent, cmd, engineWith, expectOk, queue, sec, summary, tenantEvents } from './routing-spec-kit';
import { type RoutingEngine } from './routing-engine';
import { type RoutingEvent } from './routing-events';

type InteractionOffered = Extract<RoutingEvent, { type: 'InteractionOffered' }>;

function offeredTo(events: RoutingEvent[]): string | undefined {
  return (events.find((event) => event.type === 'InteractionOffered') as InteractionOffered | undefined)?.agentId;
}

/** Serves one call end to end: offered, accepted, talked for `talk` seconds, wrap-up ended at once. */
function serve(engine: RoutingEngine, callId: string, queueId: string, at: number, talk: number): string {
  const agentId = offeredTo(expectOk(engine.execute(cmd.call(callId, queueId, at))));
  if (agentId === undefined) throw new Error(`${callId} was not offered`);
  expectOk(engine.execute(cmd.accept(callId, agentId, at)));
  expectOk(engine.execute(cmd.complete(callId, at + talk)));
  expectOk(engine.execute(cmd.ready(agentId, at + talk)));
  return agentId;
}

describe('routing strategies', () => {
  it('most skilled: the highest level in the queue skill gets the call, whoever is idle longest', () => {
    const engine = engineWith(
      tenantEvents(
        [queue('msk-sales', 'sales', { strategy: 'most-skilled' })],
        [agent('1001', { sales: 3 }), agent('1002', { sales: 9 }), agent('1003', { sales: 6 })],
      ),
    );
    for (const [i, id] of ['1001', '1002', '1003'].entries()) expectOk(engine.execute(cmd.login(id, i)));

    expect(offeredTo(expectOk(engine.execute(cmd.call('c1', 'msk-sales', 10))))).toBe('1002');
    expect(offeredTo(expectOk(engine.execute(cmd.call('c2', 'msk-sales', 11))))).toBe('1003');
  });

  it('round robin: agents in turn by id, wrapping around', () => {
    const engine = engineWith(
      tenantEvents(
        [queue('msk-sales', 'sales', { strategy: 'round-robin', wrapUpMs: 0 })],
        [agent('1001', { sales: 5 }), agent('1002', { sales: 5 }), agent('1003', { sales: 5 })],
      ),
    );
    for (const [i, id] of ['1003', '1001', '1002'].entries()) expectOk(engine.execute(cmd.login(id, i)));

    const order = [10, 20, 30, 40].map((at, i) => serve(engine, `c${i}`, 'msk-sales', at, 5));
    expect(order).toEqual(['1001', '1002', '1003', '1001']);
  });

  it('fewest calls today: the agent who handled the fewest interactions today', () => {
    const engine = engineWith(
      tenantEvents(
        [queue('msk-sales', 'sales', { strategy: 'fewest-calls-today', wrapUpMs: 0 })],
        [agent('1001', { sales: 5 }), agent('1002', { sales: 5 })],
      ),
    );
    expectOk(engine.execute(cmd.login('1001', 0)));
    serve(engine, 'c1', 'msk-sales', 10, 5);
    serve(engine, 'c2', 'msk-sales', 20, 5);
    expectOk(engine.execute(cmd.login('1002', 30)));

    // 1001 became available first (longest idle) but has two calls today; 1002 has none.
    expect(offeredTo(expectOk(engine.execute(cmd.call('c3', 'msk-sales', 40))))).toBe('1002');
  });

  it('least occupied: the agent with the lowest occupancy over the last hour', () => {
    const engine = engineWith(
      tenantEvents(
        [
          queue('msk-sales', 'sales', { strategy: 'least-occupied', wrapUpMs: 0 }),
          queue('msk-support', 'support', { wrapUpMs: 0 }),
        ],
        [agent('1001', { sales: 5, support: 5 }), agent('1002', { sales: 5 })],
      ),
    );
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.login('1002', 0)));
    // 1001 talks 20 minutes on a support call; 1002 stays idle.
    serve(engine, 's1', 'msk-support', 10, 1200);
    // 1002 has been idle longest anyway; make 1001 the longest idle so the strategy, not idleness, decides.
    expectOk(engine.execute(cmd.notReady('1002', 'break', 1300)));
    expectOk(engine.execute(cmd.ready('1002', 1310)));

    expect(offeredTo(expectOk(engine.execute(cmd.call('c1', 'msk-sales', 1320))))).toBe('1002');
  });
});

describe('priorities', () => {
  const config = tenantEvents(
    [
      queue('msk-sales', 'sales', { priority: 10, agingPointsPerMinute: 10 }),
      queue('msk-support', 'sales', { priority: 50, agingPointsPerMinute: 0 }),
    ],
    [agent('1001', { sales: 5 })],
  );

  it('a freed agent takes the higher priority queue first', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.call('low', 'msk-sales', 0)));
    expectOk(engine.execute(cmd.call('high', 'msk-support', 60)));

    const events = expectOk(engine.execute(cmd.login('1001', 61)));
    expect(events.find((event) => event.type === 'InteractionOffered')).toMatchObject({ interactionId: 'high' });
  });

  it('aging lifts an old call of a low queue above a new call of a high queue', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.call('low', 'msk-sales', 0)));
    expectOk(engine.execute(cmd.call('high', 'msk-support', 290)));

    // After 5 minutes the low queue's call has 10 + 5 * 10 = 60 > 50 points.
    const events = expectOk(engine.execute(cmd.login('1001', 300)));
    expect(events.find((event) => event.type === 'InteractionOffered')).toMatchObject({ interactionId: 'low' });
  });

  it('a VIP goes ahead of earlier callers of the same queue', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.call('regular', 'msk-support', 0)));
    expectOk(engine.execute(cmd.call('vip', 'msk-support', 5, { vip: true, customerId: 'cust-1' })));

    const events = expectOk(engine.execute(cmd.login('1001', 6)));
    expect(events.find((event) => event.type === 'InteractionOffered')).toMatchObject({ interactionId: 'vip' });
  });
});

describe('sticky routing', () => {
  const config = tenantEvents(
    [queue('msk-support', 'support', { stickyAgentWaitMs: 20_000, wrapUpMs: 0 })],
    [agent('1001', { support: 5 }), agent('1002', { support: 5 })],
  );

  function servedBy1001(engine: RoutingEngine): void {
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.call('first', 'msk-support', 10, { customerId: 'cust-7' })));
    expectOk(engine.execute(cmd.accept('first', '1001', 11)));
    expectOk(engine.execute(cmd.complete('first', 60)));
    expectOk(engine.execute(cmd.login('1002', 61)));
  }

  it('a returning customer waits for the agent who served them last, who gets the call when free', () => {
    const engine = engineWith(config);
    servedBy1001(engine);
    expectOk(engine.execute(cmd.notReady('1001', 'break', 62)));

    const queued = expectOk(engine.execute(cmd.call('again', 'msk-support', 100, { customerId: 'cust-7' })));
    expect(summary(queued)).toEqual(['queued again in msk-support at 1']);
    expect(queued[0]).toMatchObject({ preferredAgentId: '1001', preferredUntil: sec(120) });

    expect(summary(expectOk(engine.execute(cmd.ready('1001', 110))))).toEqual([
      '1001 NotReady->Available',
      'offered again to 1001',
      '1001 Available->Reserved',
    ]);
  });

  it('after the sticky wait the call goes to any agent', () => {
    const engine = engineWith(config);
    servedBy1001(engine);
    expectOk(engine.execute(cmd.notReady('1001', 'break', 62)));
    expectOk(engine.execute(cmd.call('again', 'msk-support', 100, { customerId: 'cust-7' })));

    expect(summary(expectOk(engine.execute(cmd.tick(120))))).toEqual([
      'offered again to 1002',
      '1002 Available->Reserved',
    ]);
  });
});

describe('queue callback', () => {
  it('keeps the caller place: the callback is offered before later callers', () => {
    const engine = engineWith(tenantEvents([queue('msk-sales', 'sales')], [agent('1001', { sales: 5 })]));
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 0, { customerAddress: '+79160000001' })));
    expectOk(engine.execute(cmd.call('c2', 'msk-sales', 10)));

    const events = expectOk(engine.execute(cmd.callback('c1', 20)));
    expect(events[0]).toMatchObject({
      type: 'CallbackRequested',
      callbackInteractionId: 'c1:callback',
      callbackAddress: '+79160000001',
    });
    expect(events[1]).toMatchObject({
      type: 'InteractionQueued',
      position: 1,
      enqueuedAt: sec(0),
      interaction: { interactionId: 'c1:callback', kind: 'callback', customerAddress: '+79160000001' },
    });

    expect(offeredTo(expectOk(engine.execute(cmd.login('1001', 30))))).toBe('1001');
    expect(engine.state.agents.get('1001')?.interactionId).toBe('c1:callback');
  });

  it('needs a number to call back', () => {
    const engine = engineWith(tenantEvents([queue('msk-sales', 'sales')], [agent('1001', { sales: 5 })]));
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 0, { customerAddress: undefined })));

    expect(engine.execute(cmd.callback('c1', 5))).toMatchObject({ ok: false, error: { code: 'no-callback-address' } });
    expect(engine.state.interactions.get('c1')?.status).toBe('waiting');
  });
});

describe('estimated wait', () => {
  it('announces position and an honest estimate that grows once the caller waited past it', () => {
    const engine = engineWith(tenantEvents([queue('msk-sales', 'sales')], [agent('1001', { sales: 5 })]));
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.call('busy', 'msk-sales', 0)));
    expectOk(engine.execute(cmd.accept('busy', '1001', 1)));
    const queued = expectOk(engine.execute(cmd.call('c1', 'msk-sales', 2)));
    expect(queued[0]).toMatchObject({ type: 'InteractionQueued', position: 1 });

    const totals: number[] = [];
    const remaining: number[] = [];
    for (let at = 10; at <= 900; at += 30) {
      const [announced] = expectOk(engine.execute(cmd.announce('c1', at)));
      if (announced.type !== 'WaitAnnounced') throw new Error('expected WaitAnnounced');
      totals.push(announced.estimate.waitedMs + announced.estimate.remainingMs);
      remaining.push(announced.estimate.remainingMs);
    }
    for (let i = 1; i < totals.length; i++) {
      expect(Number.isFinite(totals[i])).toBe(true);
      expect(totals[i]).toBeGreaterThanOrEqual(totals[i - 1]);
    }
    // Once the caller has waited past an estimate, the next one is a different, larger total.
    expect(new Set(totals).size).toBeGreaterThan(1);
  });
});
