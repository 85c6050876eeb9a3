import { randomUUID } from 'node:crypto';
import { type ConfigCommand, type InteractionRequest, type RoutingEvent } from '@cc/acd';
import { agentV1, routingV1 } from '@cc/contracts';
import { eventually, logModes, startInstance, stopInstance } from './routing-harness';

const { AgentState } = agentV1;
const { InteractionStatus } = routingV1;

/**
 * A branch "m" with a most-skilled sales queue (sticky for 5 s), a queue that asks for sales level 8 and relaxes to
 * any level after 0.5 s, a billing queue nobody can serve (to the partner centre at once) and a support queue.
 */
function tenantCommands(tenantId: string): ConfigCommand[] {
  const base = { tenantId, at: Date.now(), actor: 'supervisor:test' };
  const queue = (queueId: string, skillId: string, more: object = {}) => ({
    ...base,
    type: 'DefineQueue' as const,
    queue: { queueId, branchId: 'm', name: queueId, requiredSkills: [{ skillId, minLevel: 1 }], wrapUpMs: 0, ...more },
  });
  const agent = (agentId: string, skills: Record<string, number>) => ({
    ...base,
    type: 'DefineAgent' as const,
    agent: { agentId, branchId: 'm', name: agentId, skills },
  });
  return [
    { ...base, type: 'DefineTenant', name: 'Behaviours', currency: 'RUB' },
    { ...base, type: 'DefineBranch', branch: { branchId: 'm', name: 'Moscow', timeZone: 'Europe/Moscow' } },
    ...['sales', 'billing', 'support'].map((skillId): ConfigCommand => ({
      ...base,
      type: 'DefineSkill',
      skill: { skillId, name: skillId },
    })),
    { ...base, type: 'DefineNotReadyReason', reason: { code: 'break', name: 'Break' } },
    {
      ...base,
      type: 'DefinePartner',
      partner: { partnerId: 'p', name: 'Partner centre', trunkUri: 'sip:overflow@partner.example.net' },
    },
    queue('q-skill', 'sales', { strategy: 'most-skilled', stickyAgentWaitMs: 5_000 }),
    {
      ...queue('q-relax', 'sales'),
      queue: {
        ...queue('q-relax', 'sales').queue,
        requiredSkills: [{ skillId: 'sales', minLevel: 8 }],
        expansion: [{ afterMs: 500, action: { kind: 'relax-skill-levels', minLevel: 1 } }],
      },
    },
    queue('q-partner', 'billing', { whenNoAgentLoggedIn: { kind: 'partner', partnerId: 'p' } }),
    queue('q-wait', 'support', { vipPriorityBoost: 50 }),
    agent('s1', { sales: 3 }),
    agent('s2', { sales: 9 }),
    agent('w1', { support: 5 }),
  ];
}

describe.each(logModes())('routing behaviours through the service on $name', (mode) => {
  let instance: Awaited<ReturnType<typeof startInstance>> | undefined;
  const tenantId = `b-${randomUUID().slice(0, 8)}`;
  const events: RoutingEvent[] = [];
  const gateway = () => instance!.runtime.gateway;
  const call = (
    interactionId: string,
    queueId: string,
    more: Partial<InteractionRequest> = {},
  ): InteractionRequest => ({
    interactionId,
    queueId,
    channel: 'voice',
    kind: 'inbound',
    customerAddress: '+79160000001',
    ...more,
  });
  const view = (interactionId: string) => gateway().interaction(tenantId, 'm', interactionId);
  const offeredTo = (interactionId: string, agentId: string) =>
    eventually(
      () => (view(interactionId).agentId === agentId ? true : undefined),
      `${interactionId} offered to ${agentId}`,
    );
  const answerAndHangUp = async (agentId: string, interactionId: string) => {
    await gateway().acceptOffer(tenantId, agentId, interactionId);
    await gateway().complete(tenantId, 'm', interactionId);
  };

  beforeAll(async () => {
    instance = await startInstance(mode, `behaviours-${mode.name.replace(/\W+/g, '-')}`);
    instance.runtime.replica.onEvent((domainId, event) => {
      if (domainId === `${tenantId}/m`) events.push(event);
    });
    for (const command of tenantCommands(tenantId)) await gateway().changeConfig(command);
    for (const agentId of ['s1', 's2']) await gateway().logIn(tenantId, agentId, {});
  });

  afterAll(async () => {
    await stopInstance(instance);
    mode.cleanup();
  });

  it('offers to the most skilled agent, and to the next one when the first declines', async () => {
    const queued = await gateway().queueInteraction(tenantId, 'm', call('c1', 'q-skill'));
    expect(queued.reply.interaction?.agentId).toBe('s2');
    const rejected = await gateway().rejectOffer(tenantId, 's2', 'c1');
    expect(rejected.reply.agent?.state).not.toBe(AgentState.AGENT_STATE_RESERVED);
    await offeredTo('c1', 's1');
    expect(events.filter((e) => e.type === 'OfferRejected').map((e) => (e as { agentId: string }).agentId)).toEqual([
      's2',
    ]);
    await answerAndHangUp('s1', 'c1');
  });

  it('brings a returning customer back to the agent who served them last', async () => {
    await gateway().makeNotReady(tenantId, 's2', 'break');
    await gateway().queueInteraction(tenantId, 'm', call('c2', 'q-skill', { customerId: 'cust-7' }));
    await offeredTo('c2', 's1');
    await answerAndHangUp('s1', 'c2');
    await gateway().makeReady(tenantId, 's2');
    // Both are available; most-skilled would pick s2, but the customer's last agent is s1.
    const again = await gateway().queueInteraction(tenantId, 'm', call('c3', 'q-skill', { customerId: 'cust-7' }));
    expect(again.reply.interaction?.agentId).toBe('s1');
    await answerAndHangUp('s1', 'c3');
  });

  it('relaxes the required skill level after the bullseye step', async () => {
    await gateway().makeNotReady(tenantId, 's2', 'break');
    const queued = await gateway().queueInteraction(tenantId, 'm', call('c4', 'q-relax'));
    expect(queued.reply.interaction?.status).toBe(InteractionStatus.INTERACTION_STATUS_WAITING);
    await offeredTo('c4', 's1');
    expect(
      events.some((e) => e.type === 'TargetsExpanded' && (e as { interactionId: string }).interactionId === 'c4'),
    ).toBe(true);
    await answerAndHangUp('s1', 'c4');
    await gateway().makeReady(tenantId, 's2');
  });

  it('sends a call to the partner centre at once when nobody with the skill is logged in', async () => {
    const queued = await gateway().queueInteraction(tenantId, 'm', call('c5', 'q-partner'));
    expect(queued.reply.interaction).toBeUndefined();
    const overflowed = await eventually(
      () => events.find((e) => e.type === 'InteractionOverflowed' && e.interactionId === 'c5'),
      'the overflow to the partner',
    );
    expect(overflowed).toMatchObject({
      action: { kind: 'partner', partnerId: 'p' },
      trunkUri: 'sip:overflow@partner.example.net',
    });
  });

  it('announces positions, keeps a callback in its place, records an abandon, and serves a VIP first', async () => {
    await gateway().logIn(tenantId, 'w1', { initialState: 'NotReady' });
    await gateway().queueInteraction(tenantId, 'm', call('c6', 'q-wait'));
    await gateway().queueInteraction(tenantId, 'm', call('c7', 'q-wait', { vip: true }));
    await gateway().queueInteraction(tenantId, 'm', call('c8', 'q-wait'));

    const announced = await gateway().announceWait(tenantId, 'm', 'c8');
    expect(announced.reply.position).toBe(3);
    expect(announced.reply.estimate).toBeDefined();

    const callback = await gateway().requestCallback(tenantId, 'm', 'c8', '+79160000002');
    const callbackId = callback.reply.callbackInteractionId;
    expect(callbackId).toMatch(/.+/);
    expect(view(callbackId)).toMatchObject({ kind: routingV1.InteractionKind.INTERACTION_KIND_CALLBACK, position: 3 });

    await new Promise((r) => setTimeout(r, 50));
    await gateway().abandon(tenantId, 'm', 'c6');
    const abandoned = events.find((e) => e.type === 'InteractionAbandoned' && e.interactionId === 'c6');
    expect(abandoned).toMatchObject({ queueId: 'q-wait', position: 1 });
    expect((abandoned as { waitMs: number }).waitMs).toBeGreaterThan(0);
    expect(view(callbackId).position).toBe(2);

    // The VIP goes first when the agent is ready, then the callback.
    await gateway().makeReady(tenantId, 'w1');
    await offeredTo('c7', 'w1');
    await answerAndHangUp('w1', 'c7');
    await offeredTo(callbackId, 'w1');
    await answerAndHangUp('w1', callbackId);
  });
});
