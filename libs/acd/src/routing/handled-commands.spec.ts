import { HANDLED_COMMANDS_REMEMBERED, rememberCommand } from './handled-commands';
import { agent, cmd, engineWith, expectOk, MSK, tenantEvents } from './routing-spec-kit';
import { initialRoutingState } from './routing-state';
import { fromSnapshot, toSnapshot } from './snapshot';

describe('handled command ids', () => {
  it('are remembered up to HANDLED_COMMANDS_REMEMBERED, the oldest forgotten first', () => {
    const state = initialRoutingState(MSK);
    for (let i = 0; i < HANDLED_COMMANDS_REMEMBERED + 10; i++) rememberCommand(state, `cmd-${i}`);
    rememberCommand(state, 'cmd-20');

    expect(state.handledCommands.size).toBe(HANDLED_COMMANDS_REMEMBERED);
    expect(state.handledCommands.has('cmd-9')).toBe(false);
    expect(state.handledCommands.has('cmd-10')).toBe(true);
    expect([...state.handledCommands][0]).toBe('cmd-10');
    expect([...state.handledCommands].at(-1)).toBe(`cmd-${HANDLED_COMMANDS_REMEMBERED + 9}`);
  });

  it('keep their order through a snapshot, so a restored domain forgets the same ones', () => {
    const state = initialRoutingState(MSK);
    for (let i = 0; i < HANDLED_COMMANDS_REMEMBERED + 5; i++) rememberCommand(state, `cmd-${i}`);
    const restored = fromSnapshot(toSnapshot(state));
    for (let i = 0; i < 3 * HANDLED_COMMANDS_REMEMBERED; i++) {
      rememberCommand(state, `more-${i}`);
      rememberCommand(restored, `more-${i}`);
    }

    expect([...restored.handledCommands]).toEqual([...state.handledCommands]);
  });

  it('make a redelivered command a no-op while remembered, and a new command once forgotten', () => {
    const engine = engineWith(tenantEvents([], [agent('1001', { sales: 5 })]));
    const login = cmd.login('1001', 1);
    expect(expectOk(engine.execute(login))).toHaveLength(2);
    expect(engine.execute(login)).toEqual({ ok: true, events: [], duplicate: true });

    for (let i = 0; i < HANDLED_COMMANDS_REMEMBERED; i++) rememberCommand(engine.state, `other-${i}`);
    // Decided again: the agent is logged in already, so nothing happens either.
    expect(engine.execute(login)).toEqual({ ok: true, events: [], duplicate: false });
  });
});
