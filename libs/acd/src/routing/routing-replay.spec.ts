import { type RoutingCommand } from './routing-commands';
import { RoutingEngine } from './routing-engine';
import { type RoutingEvent } from './routing-events';
import { agent, cmd, engineWith, expectOk, MSK, queue, tenantEvents } from './routing-spec-kit';
import { fromSnapshot, toSnapshot } from './snapshot';

const config = tenantEvents(
  [
    queue('msk-sales', 'sales', {
      strategy: 'most-skilled',
      expansion: [{ afterMs: 20_000, action: { kind: 'relax-skill-levels', minLevel: 1 } }],
    }),
    queue('msk-support', 'support', { strategy: 'least-occupied', stickyAgentWaitMs: 10_000 }),
    queue('msk-billing', 'billing', {
      strategy: 'round-robin',
      expansion: [{ afterMs: 60_000, action: { kind: 'callback' } }],
    }),
  ],
  ['1001', '1002', '1003', '1004', '1005', '1006'].map((id, i) =>
    agent(id, { sales: 1 + i, support: 10 - i, ...(i % 2 === 0 ? { billing: 5 } : {}) }),
  ),
);

/**
 * A deterministic day in the life of a small branch, choosing each command from the state so most of them
 * matter: arrivals, answers, misses, rejections, hang-ups, breaks, callbacks, ticks, and some bad commands.
 */
function driveDay(engine: RoutingEngine, seed: number, count: number): RoutingCommand[] {
  let x = seed;
  const random = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const pick = <T>(items: T[]): T | undefined =>
    items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
  const agents = ['1001', '1002', '1003', '1004', '1005', '1006'];
  const queues = ['msk-sales', 'msk-support', 'msk-billing'];
  const commands: RoutingCommand[] = [];
  const run = (command: RoutingCommand): void => {
    commands.push(command);
    engine.execute(command);
  };
  for (const [i, id] of agents.entries()) run(cmd.login(id, i));
  let t = 10;
  for (let i = 0; i < count; i++) {
    t += Math.floor(random() * 6);
    const r = random();
    const state = engine.state;
    const reserved = [...state.agents.values()].filter((a) => a.state === 'Reserved' && a.interactionId !== undefined);
    const connected = [...state.interactions].filter(([, it]) => it.status === 'connected').map(([id]) => id);
    const waiting = [...state.interactions].filter(([, it]) => it.status === 'waiting').map(([id]) => id);
    const ringing = pick(reserved);
    if (r < 0.3) run(cmd.call(`c${i}`, queues[i % 3], t, { customerId: `cust-${i % 7}` }));
    else if (r < 0.5 && ringing !== undefined) run(cmd.accept(ringing.interactionId!, ringing.agentId, t));
    else if (r < 0.55 && ringing !== undefined) run(cmd.reject(ringing.interactionId!, ringing.agentId, t));
    else if (r < 0.7 && connected.length > 0) run(cmd.complete(pick(connected)!, t));
    else if (r < 0.75 && waiting.length > 0) run(cmd.abandon(pick(waiting)!, t));
    else if (r < 0.78) run(cmd.notReady(pick(agents)!, 'break', t));
    else if (r < 0.84) run(cmd.ready(pick(agents)!, t));
    else if (r < 0.86 && waiting.length > 0) run(cmd.callback(pick(waiting)!, t));
    else if (r < 0.88 && waiting.length > 0) run(cmd.announce(pick(waiting)!, t));
    else if (r < 0.9) run(cmd.accept(`c${i}`, pick(agents)!, t));
    else run(cmd.tick(t));
  }
  return commands;
}

function runAll(engine: RoutingEngine, commands: RoutingCommand[]): RoutingEvent[] {
  const events: RoutingEvent[] = [];
  for (const command of commands) {
    const decision = engine.execute(command);
    if (decision.ok) events.push(...decision.events);
  }
  return events;
}

describe('replay', () => {
  it('rebuilds from the events exactly the state that deciding produced', () => {
    const live = new RoutingEngine(MSK);
    const events: RoutingEvent[] = [];
    for (const event of config) events.push(...expectOk(live.execute(cmd.config(event))));
    const recorder = new RoutingEngine(MSK);
    for (const event of config) expectOk(recorder.execute(cmd.config(event)));
    events.push(...runAll(live, driveDay(recorder, 7, 1500)));
    expect(events.filter((event) => event.type === 'OfferAccepted').length).toBeGreaterThan(20);

    const replayed = RoutingEngine.replay(MSK, events);

    expect(toSnapshot(replayed.state)).toEqual(toSnapshot(live.state));
  });

  it('decides the same from a snapshot as from the live state', () => {
    const live = engineWith(config);
    const day = driveDay(engineWith(config), 11, 1600);
    runAll(live, day.slice(0, 800));

    const restored = new RoutingEngine(MSK);
    Object.assign(restored, { state: fromSnapshot(toSnapshot(live.state)) });
    const rest = day.slice(800);

    expect(runAll(restored, rest)).toEqual(runAll(live, rest));
    expect(toSnapshot(restored.state)).toEqual(toSnapshot(live.state));
  });

  it('keeps the invariants: one agent per interaction, one interaction per agent', () => {
    const engine = engineWith(config);
    for (const command of driveDay(engineWith(config), 3, 2000)) {
      engine.execute(command);
      const holders = new Map<string, string>();
      for (const [id, interaction] of engine.state.interactions) {
        if (interaction.status === 'waiting') continue;
        const agentId = interaction.offer?.agentId;
        expect(agentId).toBeDefined();
        expect(holders.has(agentId!)).toBe(false);
        holders.set(agentId!, id);
      }
      for (const agentRuntime of engine.state.agents.values()) {
        if (agentRuntime.state === 'Reserved' || agentRuntime.state === 'Busy') {
          expect(holders.get(agentRuntime.agentId)).toBe(agentRuntime.interactionId);
        }
      }
    }
  });
});
