import { randomUUID } from 'node:crypto';
import { agentV1, routingV1 } from '@cc/contracts';
import { RoutingApiError } from '../src/api/routing-api-error';
import { type RoutingRuntime } from '../src/routing-runtime';
import { eventually, logModes, startInstance, stopInstance, twoBranchTenant } from './routing-harness';

const { AgentState } = agentV1;

describe.each(logModes())('the routing service on $name', (mode) => {
  let instance: Awaited<ReturnType<typeof startInstance>> | undefined;
  const tenantId = `t-${randomUUID().slice(0, 8)}`;
  const gateway = () => instance!.runtime.gateway;
  const stateOf = (agentId: string) => gateway().agentStatus(tenantId, agentId).state;
  const interaction = (interactionId: string) => ({
    interactionId,
    queueId: 'a-support',
    channel: 'voice' as const,
    kind: 'inbound' as const,
    customerAddress: '+79160000001',
  });

  beforeAll(async () => {
    instance = await startInstance(mode, `routing-${mode.name.replace(/\W+/g, '-')}`);
    for (const command of twoBranchTenant(tenantId)) await gateway().changeConfig(command);
  });

  afterAll(async () => {
    await stopInstance(instance);
    mode.cleanup();
  });

  it('keeps the configuration as versioned events and names the field of a bad change', async () => {
    const config = gateway().tenantConfig(tenantId);
    expect(config.version).toBe(9);
    expect(Object.keys(config.agents).sort()).toEqual(['a1', 'b1']);

    const badQueue = {
      tenantId,
      at: Date.now(),
      actor: 'supervisor:test',
      type: 'DefineQueue' as const,
      queue: { queueId: 'a-sales', branchId: 'a', name: 'Sales', requiredSkills: [{ skillId: 'sales', minLevel: 3 }] },
    };
    const refused = await gateway()
      .changeConfig(badQueue)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RoutingApiError);
    expect(refused).toMatchObject({
      code: 'unknown-skill',
      kind: 'invalid-argument',
      field: 'queue.required_skills[0].skill_id',
    });

    const stale = await gateway()
      .changeConfig({
        tenantId,
        at: Date.now(),
        actor: 'supervisor:test',
        type: 'DefineSkill',
        skill: { skillId: 'sales', name: 'Sales' },
        expectedVersion: 3,
      })
      .catch((error: unknown) => error);
    expect(stale).toMatchObject({ code: 'version-conflict', kind: 'aborted' });
    expect(gateway().tenantConfig(tenantId).version).toBe(9);
  });

  it('offers a queued call to the logged-in agent, who answers, talks and wraps up', async () => {
    const login = await gateway().logIn(tenantId, 'a1', { actor: 'agent:a1' });
    expect(login.reply.agent).toMatchObject({ agentId: 'a1', branchId: 'a', state: AgentState.AGENT_STATE_AVAILABLE });

    const queued = await gateway().queueInteraction(tenantId, 'a', interaction('call-1'));
    expect(queued.reply.interaction).toMatchObject({
      interactionId: 'call-1',
      status: routingV1.InteractionStatus.INTERACTION_STATUS_OFFERED,
      agentId: 'a1',
    });
    await eventually(() => (stateOf('a1') === AgentState.AGENT_STATE_RESERVED ? true : undefined), 'a1 reserved');

    const accepted = await gateway().acceptOffer(tenantId, 'a1', 'call-1');
    expect(accepted.reply.agent?.state).toBe(AgentState.AGENT_STATE_BUSY);
    await gateway().complete(tenantId, 'a', 'call-1');
    // Wrap-up ends on the domain's timer (0.5 s), which enters the log as an AdvanceTime command.
    await eventually(
      () => (stateOf('a1') === AgentState.AGENT_STATE_AVAILABLE ? true : undefined),
      'a1 available after wrap-up',
    );

    const status = gateway().queueStatus(tenantId, 'a-support');
    expect(status).toMatchObject({ queueId: 'a-support', branchId: 'a', waiting: 0 });
    expect(status.agents?.available).toBe(1);
  });

  it('acts once on a command sent twice with the same id, and refuses what the state does not allow', async () => {
    const commandId = randomUUID();
    const first = await gateway().makeNotReady(tenantId, 'a1', 'break', { commandId });
    const again = await gateway().makeNotReady(tenantId, 'a1', 'break', { commandId });
    expect(first.reply).toMatchObject({ duplicate: false, eventCount: 1 });
    expect(again.reply).toMatchObject({ duplicate: true, eventCount: 0 });
    expect(again.reply.agent?.state).toBe(AgentState.AGENT_STATE_NOT_READY);

    await expect(gateway().acceptOffer(tenantId, 'a1', 'no-such-call')).rejects.toMatchObject({
      kind: 'failed-precondition',
    });
    await expect(gateway().logIn(tenantId, 'nobody', {})).rejects.toMatchObject({
      code: 'unknown-agent',
      kind: 'not-found',
    });
    await expect(gateway().makeNotReady(tenantId, 'a1', 'nap')).rejects.toMatchObject({
      code: 'unknown-reason',
      kind: 'invalid-argument',
    });
    await gateway().makeReady(tenantId, 'a1');
  });

  it('takes an unanswered offer back after the ring timeout and makes the agent not ready', async () => {
    await gateway().queueInteraction(tenantId, 'a', interaction('call-2'));
    await eventually(() => (stateOf('a1') === AgentState.AGENT_STATE_RESERVED ? true : undefined), 'a1 ringing');
    const missed = await eventually(() => {
      const view = gateway().agentStatus(tenantId, 'a1');
      return view.state === AgentState.AGENT_STATE_NOT_READY ? view : undefined;
    }, 'the ring timeout');
    expect(missed.reasonCode).toBe('missed-offer');
    expect(gateway().interaction(tenantId, 'a', 'call-2')).toMatchObject({
      status: routingV1.InteractionStatus.INTERACTION_STATUS_WAITING,
      position: 1,
    });
    await gateway().abandon(tenantId, 'a', 'call-2');
    await expect(Promise.resolve().then(() => gateway().interaction(tenantId, 'a', 'call-2'))).rejects.toMatchObject({
      code: 'unknown-interaction',
    });
  });

  it('overflows a waiting call to the other branch, whose agent answers it', async () => {
    await gateway().logIn(tenantId, 'b1', {});
    await gateway().queueInteraction(tenantId, 'a', interaction('call-3'));
    // Nobody in a is ready; after 1 s the call is also offered to b, whose domain claims b1 and a grants it.
    const offered = await eventually(() => {
      const view = gateway().interaction(tenantId, 'a', 'call-3');
      return view.agentId === 'b1' ? view : undefined;
    }, 'the overflow offer to b1');
    expect(offered.extraBranchIds).toEqual(['b']);
    await eventually(() => (stateOf('b1') === AgentState.AGENT_STATE_RESERVED ? true : undefined), 'b1 ringing');
    await gateway().acceptOffer(tenantId, 'b1', 'call-3');
    await eventually(() => {
      const view = gateway().interaction(tenantId, 'a', 'call-3');
      return view.status === routingV1.InteractionStatus.INTERACTION_STATUS_CONNECTED ? view : undefined;
    }, 'call-3 connected in its home branch');
    expect(stateOf('b1')).toBe(AgentState.AGENT_STATE_BUSY);
  });

  it('rebuilds every domain from the log when another instance takes over', async () => {
    await stopInstance(instance);
    instance = await startInstance(mode, `routing-2-${mode.name.replace(/\W+/g, '-')}`);
    const runtime: RoutingRuntime = instance.runtime;
    expect(runtime.processor.ownedPartitions()).toHaveLength(12);
    expect(stateOf('b1')).toBe(AgentState.AGENT_STATE_BUSY);
    expect(stateOf('a1')).toBe(AgentState.AGENT_STATE_NOT_READY);
    // The new owner decides on the rebuilt state: b1's call ends and b1 wraps up.
    await gateway().complete(tenantId, 'a', 'call-3');
    await eventually(() => (stateOf('b1') === AgentState.AGENT_STATE_AVAILABLE ? true : undefined), 'b1 available');
    await gateway().logOut(tenantId, 'b1');
    expect(stateOf('b1')).toBe(AgentState.AGENT_STATE_LOGGED_OUT);
  });
});
