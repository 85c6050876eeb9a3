import { agentView, interactionView } from './queries';
import { agent, cmd, engineWith, expectOk, queue, sec, summary, tenantEvents } from './routing-spec-kit';

const config = tenantEvents(
  [queue('msk-sales', 'sales', { ringTimeoutMs: 10_000, wrapUpMs: 15_000, shortAbandonMs: 5_000 })],
  [agent('1001', { sales: 5 }), agent('1002', { sales: 5 }), agent('1003', { support: 5 })],
);

describe('offers', () => {
  it('offers a new call to the longest idle agent who has the skill', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1002', 0)));
    expectOk(engine.execute(cmd.login('1001', 1)));
    expectOk(engine.execute(cmd.login('1003', 2)));

    const events = expectOk(engine.execute(cmd.call('c1', 'msk-sales', 10)));

    expect(summary(events)).toEqual(['queued c1 in msk-sales at 1', 'offered c1 to 1002', '1002 Available->Reserved']);
    expect(events[1]).toMatchObject({ ringDeadline: sec(20), waitedMs: 0, agentDomainId: 'acme/msk' });
  });

  it('connects on accept and puts the agent in wrap-up for the queue time when the call ends', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 10)));

    expect(summary(expectOk(engine.execute(cmd.accept('c1', '1001', 13))))).toEqual([
      'accepted c1 by 1001',
      '1001 Reserved->Busy',
    ]);
    const completed = expectOk(engine.execute(cmd.complete('c1', 73)));
    expect(completed).toEqual([
      expect.objectContaining({ type: 'InteractionCompleted', interactionId: 'c1', agentId: '1001', handleMs: 60_000 }),
      expect.objectContaining({ type: 'AgentStateChanged', from: 'Busy', to: 'WrapUp', until: sec(88) }),
    ]);
    expect(engine.nextDeadline()).toBe(sec(88));
    expect(summary(expectOk(engine.execute(cmd.tick(88))))).toEqual(['1001 WrapUp->Available']);
  });

  it('offers the next waiting call as soon as wrap-up ends', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 10)));
    expectOk(engine.execute(cmd.accept('c1', '1001', 11)));
    expect(summary(expectOk(engine.execute(cmd.call('c2', 'msk-sales', 12))))).toEqual(['queued c2 in msk-sales at 1']);
    expectOk(engine.execute(cmd.complete('c1', 20)));

    expect(summary(expectOk(engine.execute(cmd.tick(35))))).toEqual([
      '1001 WrapUp->Available',
      'offered c2 to 1001',
      '1001 Available->Reserved',
    ]);
  });

  it('sets an agent who does not answer NotReady (missed offer) and offers the call to the next agent', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.login('1002', 1)));
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 10)));

    expect(summary(expectOk(engine.execute(cmd.tick(20))))).toEqual([
      'timed out c1 at 1001',
      '1001 Reserved->NotReady(missed-offer)',
      'offered c1 to 1002',
      '1002 Available->Reserved',
    ]);
  });

  it('re-offers a rejected call elsewhere and not to the agent who rejected it', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 10)));

    expect(summary(expectOk(engine.execute(cmd.reject('c1', '1001', 12))))).toEqual([
      'rejected c1 by 1001',
      '1001 Reserved->Available',
    ]);
    expect(interactionView(engine.state, 'c1')).toMatchObject({ status: 'waiting', position: 1 });
    expect(summary(expectOk(engine.execute(cmd.login('1002', 13))))).toEqual([
      'AgentLoggedIn',
      '1002 LoggedOut->Available',
      'offered c1 to 1002',
      '1002 Available->Reserved',
    ]);
  });

  it('records an abandon with the wait and the position, short abandons flagged', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 0)));
    expectOk(engine.execute(cmd.call('c2', 'msk-sales', 1)));

    expect(expectOk(engine.execute(cmd.abandon('c2', 4)))).toEqual([
      expect.objectContaining({
        type: 'InteractionAbandoned',
        interactionId: 'c2',
        waitMs: 3000,
        position: 2,
        shortAbandon: true,
      }),
    ]);
    expect(expectOk(engine.execute(cmd.abandon('c1', 30)))).toEqual([
      expect.objectContaining({ type: 'InteractionAbandoned', waitMs: 30_000, position: 1, shortAbandon: false }),
    ]);
    expect(engine.state.interactions.size).toBe(0);
  });

  it('frees the ringing agent when the caller hangs up during the offer', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 10)));

    expect(summary(expectOk(engine.execute(cmd.abandon('c1', 12))))).toEqual([
      'InteractionAbandoned',
      '1001 Reserved->Available',
    ]);
    expect(agentView(engine.state, '1001')).toMatchObject({ state: 'Available', interactionId: undefined });
  });

  it('applies NotReady asked during a call when wrap-up ends', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 10)));
    expectOk(engine.execute(cmd.accept('c1', '1001', 11)));
    expect(summary(expectOk(engine.execute(cmd.notReady('1001', 'lunch', 12))))).toEqual(['AgentNotReadyPending']);
    expectOk(engine.execute(cmd.complete('c1', 20)));
    expectOk(engine.execute(cmd.call('c2', 'msk-sales', 21)));

    expect(summary(expectOk(engine.execute(cmd.tick(35))))).toEqual(['1001 WrapUp->NotReady(lunch)']);
  });

  it('lets an agent end wrap-up early', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 10)));
    expectOk(engine.execute(cmd.accept('c1', '1001', 11)));
    expectOk(engine.execute(cmd.complete('c1', 20)));

    expect(summary(expectOk(engine.execute(cmd.ready('1001', 22))))).toEqual(['1001 WrapUp->Available']);
    expect(summary(expectOk(engine.execute(cmd.tick(40))))).toEqual([]);
  });
});

describe('refused commands', () => {
  it('names unknown agents and queues, and leaves the state as it was', () => {
    const engine = engineWith(config);
    expect(engine.execute(cmd.login('9999', 0))).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'unknown-agent' }),
    });
    expect(engine.execute(cmd.call('c1', 'msk-nothing', 0))).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'unknown-queue', message: expect.stringContaining('msk-sales') }),
    });
    expect(engine.state.interactions.size).toBe(0);
    expect(engine.state.agents.size).toBe(0);
  });

  it('refuses invalid transitions', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 1)));
    expect(engine.execute(cmd.ready('1001', 2))).toMatchObject({ ok: false, error: { code: 'invalid-transition' } });
    expectOk(engine.execute(cmd.accept('c1', '1001', 3)));
    expect(engine.execute(cmd.logout('1001', 4))).toMatchObject({ ok: false, error: { code: 'invalid-transition' } });
    expect(engine.execute(cmd.reject('c1', '1001', 5))).toMatchObject({ ok: false, error: { code: 'no-such-offer' } });
    expect(engine.execute(cmd.abandon('c1', 6))).toMatchObject({ ok: false, error: { code: 'invalid-transition' } });
    expect(engine.execute(cmd.notReady('1001', 'nap', 7))).toMatchObject({
      ok: false,
      error: { code: 'unknown-reason' },
    });
    expect(agentView(engine.state, '1001')).toMatchObject({ state: 'Busy', interactionId: 'c1' });
  });

  it('acknowledges a repeated command without deciding it again', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1001', 0)));
    const call = cmd.call('c1', 'msk-sales', 1);
    expect(expectOk(engine.execute(call))).toHaveLength(3);

    expect(engine.execute(call)).toEqual({ ok: true, events: [], duplicate: true });
    expect(engine.state.interactions.size).toBe(1);
  });

  it('ignores a tick that comes late or twice', () => {
    const engine = engineWith(config);
    expectOk(engine.execute(cmd.login('1001', 0)));
    expectOk(engine.execute(cmd.call('c1', 'msk-sales', 10)));
    expectOk(engine.execute(cmd.accept('c1', '1001', 12)));

    expect(expectOk(engine.execute(cmd.tick(20)))).toEqual([]);
    expect(expectOk(engine.execute(cmd.tick(5)))).toEqual([]);
    expect(agentView(engine.state, '1001')).toMatchObject({ state: 'Busy' });
  });
});
