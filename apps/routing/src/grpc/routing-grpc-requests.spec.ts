import { demoTenantConfig, type TenantConfig } from '@cc/acd';
import { agentV1, commonV1, routingV1 } from '@cc/contracts';
import { type CommandAnswer } from '../api/routing-gateway';
import { ProtoDecodeError } from '../codec/codec-support';
import { queueToProto } from '../codec/config-event-codec';
import {
  agentProfileResponse,
  announceWaitResponse,
  changeAgentGroupsCommand,
  changeAgentSkillsCommand,
  commandOrigin,
  defineAgentCommand,
  defineBranchCommand,
  defineBranchResponse,
  defineQueueCommand,
  defineQueueResponse,
  defineTenantCommand,
  interactionOf,
  logInOptions,
  removeQueueCommand,
} from './routing-grpc-requests';
import { tenantConfigToProto } from './tenant-config-codec';

const AT = Date.UTC(2026, 10, 23, 9, 0, 0);

/** A request as grpc-js hands it over: decoded from the wire, every field present. */
function decoded<T>(fns: routingV1.MessageFns<T>, message: routingV1.DeepPartial<T>): T {
  return fns.decode(fns.encode(fns.fromPartial(message as never)).finish());
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function answer(reply: Partial<routingV1.CommandReply>): CommandAnswer {
  return { commandId: 'c-1', reply: { ...routingV1.CommandReply.fromPartial({}), ...reply } };
}

describe('RoutingService requests -> RoutingGateway', () => {
  describe('configuration requests', () => {
    it('carries tenant, actor, time and expected version into the command', () => {
      const request = decoded(routingV1.DefineTenantRequest, {
        tenantId: 'acme',
        expectedVersion: 0,
        actor: 'supervisor:7',
        name: 'Acme',
        currency: 'RUB',
      });

      expect(defineTenantCommand(request, AT)).toEqual({
        type: 'DefineTenant',
        tenantId: 'acme',
        at: AT,
        actor: 'supervisor:7',
        expectedVersion: 0,
        name: 'Acme',
        currency: 'RUB',
      });
    });

    it('leaves expectedVersion out when the request does not set it (no check)', () => {
      const request = decoded(routingV1.RemoveQueueRequest, { tenantId: 'acme', actor: 'supervisor:7', queueId: 'q1' });

      const command = removeQueueCommand(request, AT);

      expect(command).toEqual({ type: 'RemoveQueue', tenantId: 'acme', at: AT, actor: 'supervisor:7', queueId: 'q1' });
      expect('expectedVersion' in command).toBe(false);
    });

    it("leaves UNSPECIFIED enums and an absent service level to the decider's defaults", () => {
      const request = decoded(routingV1.DefineQueueRequest, {
        tenantId: 'acme',
        actor: 'seed',
        queue: {
          queueId: 'msk-sales',
          branchId: 'msk',
          name: 'Sales',
          requiredSkills: [{ skillId: 'sales', minLevel: 3 }],
          priority: 0,
          ringTimeoutMs: 20_000,
        },
      });

      const { queue } = defineQueueCommand(request, AT);

      expect(queue).toMatchObject({ queueId: 'msk-sales', branchId: 'msk', priority: 0, ringTimeoutMs: 20_000 });
      expect(queue.channel).toBeUndefined();
      expect(queue.strategy).toBeUndefined();
      expect(queue.waitPredictor).toBeUndefined();
      expect(queue.serviceLevel).toBeUndefined();
    });

    it("decodes the queue's enums and overflow actions", () => {
      const request = decoded(routingV1.DefineQueueRequest, {
        tenantId: 'acme',
        actor: 'seed',
        queue: {
          queueId: 'msk-chat',
          branchId: 'msk',
          name: 'Chat',
          channel: commonV1.Channel.CHANNEL_CHAT,
          strategy: routingV1.RoutingStrategy.ROUTING_STRATEGY_ROUND_ROBIN,
          serviceLevel: { thresholdMs: 60_000, targetPercent: 90 },
          whenNoAgentLoggedIn: { voicemail: {} },
        },
      });

      expect(defineQueueCommand(request, AT).queue).toMatchObject({
        channel: 'chat',
        strategy: 'round-robin',
        serviceLevel: { thresholdMs: 60_000, targetPercent: 90 },
        whenNoAgentLoggedIn: { kind: 'voicemail' },
      });
    });

    it('refuses a definition without its payload, naming the field', () => {
      const request = decoded(routingV1.DefineQueueRequest, { tenantId: 'acme', actor: 'seed' });

      const error = thrown(() => defineQueueCommand(request, AT));

      expect(error).toBeInstanceOf(ProtoDecodeError);
      expect((error as ProtoDecodeError).field).toBe('queue');
    });

    it('refuses an unknown enum value with its proto path', () => {
      const request = decoded(routingV1.DefineQueueRequest, {
        tenantId: 'acme',
        actor: 'seed',
        queue: { queueId: 'q', branchId: 'msk', name: 'Q', strategy: 42 as routingV1.RoutingStrategy },
      });

      expect((thrown(() => defineQueueCommand(request, AT)) as ProtoDecodeError).field).toBe('queue.strategy');
    });

    it('leaves an empty agent capacity to the default (one voice call)', () => {
      const request = decoded(routingV1.DefineAgentRequest, {
        tenantId: 'acme',
        actor: 'seed',
        agent: { agentId: 'a1', branchId: 'msk', name: 'Anna', skills: [{ skillId: 'sales', level: 5 }] },
      });

      const { agent } = defineAgentCommand(request, AT);

      expect(agent).toEqual({
        agentId: 'a1',
        branchId: 'msk',
        name: 'Anna',
        skills: { sales: 5 },
        languages: [],
        groups: [],
      });
    });

    it('maps a branch and answers with the branch as now in force', () => {
      const request = decoded(routingV1.DefineBranchRequest, {
        tenantId: 'demo',
        actor: 'seed',
        branch: { branchId: 'msk', name: 'Moscow', timeZone: 'Europe/Moscow' },
      });
      const command = defineBranchCommand(request, AT);

      expect(command.branch).toEqual({ branchId: 'msk', name: 'Moscow', timeZone: 'Europe/Moscow' });
      expect(defineBranchResponse({ commandId: 'c', version: 9, config: demoTenantConfig(AT) }, command)).toEqual({
        version: 9,
        branch: { branchId: 'msk', name: 'Moscow', timeZone: 'Europe/Moscow' },
      });
    });

    it('refuses the same skill twice in ChangeAgentSkills', () => {
      const request = decoded(routingV1.ChangeAgentSkillsRequest, {
        tenantId: 'acme',
        actor: 'supervisor:7',
        agentId: 'a1',
        skills: [
          { skillId: 'sales', level: 3 },
          { skillId: 'sales', level: 4 },
        ],
      });

      expect((thrown(() => changeAgentSkillsCommand(request, AT)) as ProtoDecodeError).field).toBe(
        'skills[1].skill_id',
      );
    });

    it('maps ChangeAgentGroups', () => {
      const request = decoded(routingV1.ChangeAgentGroupsRequest, {
        tenantId: 'acme',
        actor: 'supervisor:7',
        expectedVersion: 12,
        agentId: 'a1',
        groups: ['team-a', 'night'],
      });

      expect(changeAgentGroupsCommand(request, AT)).toEqual({
        type: 'ChangeAgentGroups',
        tenantId: 'acme',
        at: AT,
        actor: 'supervisor:7',
        expectedVersion: 12,
        agentId: 'a1',
        groups: ['team-a', 'night'],
      });
    });
  });

  describe('configuration responses', () => {
    const config: TenantConfig = demoTenantConfig(AT);

    it('answers DefineQueue with the queue as now in force, defaults filled in', () => {
      const request = decoded(routingV1.DefineQueueRequest, {
        tenantId: 'demo',
        actor: 'seed',
        queue: { queueId: 'msk-sales', branchId: 'msk', name: 'Sales' },
      });

      const response = defineQueueResponse({ commandId: 'c', version: 31, config }, defineQueueCommand(request, AT));

      expect(response).toEqual({ version: 31, queue: queueToProto(config.queues['msk-sales']!) });
      expect(response.queue?.strategy).not.toBe(routingV1.RoutingStrategy.ROUTING_STRATEGY_UNSPECIFIED);
    });

    it("answers agent changes with the agent's profile afterwards", () => {
      const [agentId] = Object.keys(config.agents);

      const response = agentProfileResponse({ commandId: 'c', version: 4, config }, agentId!);

      expect(response.version).toBe(4);
      expect(response.agent.agentId).toBe(agentId);
      expect(response.agent.capacity.length).toBeGreaterThan(0);
    });

    it('fails (INTERNAL) rather than answer without the entity', () => {
      expect(() => agentProfileResponse({ commandId: 'c', version: 4, config }, 'nobody')).toThrow(
        /not in the configuration/,
      );
    });

    it('answers GetTenantConfig with every collection sorted by id', () => {
      const proto = tenantConfigToProto(config);

      expect(proto).toMatchObject({
        tenantId: 'demo',
        name: config.name,
        currency: config.currency,
        version: config.version,
      });
      expect(proto.branches.map((b) => b.branchId)).toEqual(Object.keys(config.branches).sort());
      expect(proto.queues.map((q) => q.queueId)).toEqual(Object.keys(config.queues).sort());
      expect(proto.agents.map((a) => a.agentId)).toEqual(Object.keys(config.agents).sort());
      expect(proto.skills).toHaveLength(Object.keys(config.skills).length);
      expect(proto.partners).toHaveLength(Object.keys(config.partners).length);
      expect(proto.notReadyReasons.map((r) => r.code)).toEqual(Object.keys(config.notReadyReasons).sort());
      // It is a valid message: it survives the wire.
      expect(routingV1.TenantConfig.decode(routingV1.TenantConfig.encode(proto).finish())).toEqual(proto);
    });
  });

  describe('agent and interaction commands', () => {
    it('takes the command id as the idempotency key; empty = the gateway assigns one', () => {
      expect(commandOrigin({ commandId: 'k-1' })).toEqual({ commandId: 'k-1' });
      expect(commandOrigin({ commandId: '' })).toEqual({});
    });

    it.each([
      [agentV1.AgentState.AGENT_STATE_UNSPECIFIED, undefined],
      [agentV1.AgentState.AGENT_STATE_AVAILABLE, 'Available'],
      [agentV1.AgentState.AGENT_STATE_NOT_READY, 'NotReady'],
    ])('logs in with initial_state %s as %s', (initialState, expected) => {
      const request = decoded(routingV1.LogInRequest, { tenantId: 'acme', agentId: 'a1', initialState, extension: '' });

      expect(logInOptions(request)).toEqual(expected === undefined ? {} : { initialState: expected });
    });

    it('passes the extension and command id of a login', () => {
      const request = decoded(routingV1.LogInRequest, {
        tenantId: 'acme',
        agentId: 'a1',
        commandId: 'k',
        extension: '1001',
      });

      expect(logInOptions(request)).toEqual({ commandId: 'k', extension: '1001' });
    });

    it('refuses to log in BUSY', () => {
      const request = decoded(routingV1.LogInRequest, {
        tenantId: 'acme',
        agentId: 'a1',
        initialState: agentV1.AgentState.AGENT_STATE_BUSY,
      });

      expect((thrown(() => logInOptions(request)) as ProtoDecodeError).field).toBe('initial_state');
    });

    it('decodes the interaction to queue, UNSPECIFIED channel and kind as voice and inbound', () => {
      const request = decoded(routingV1.QueueInteractionRequest, {
        tenantId: 'acme',
        branchId: 'msk',
        interaction: { interactionId: 'call-1', queueId: 'msk-sales', customerAddress: '+79990000000' },
      });

      expect(interactionOf(request)).toEqual({
        interactionId: 'call-1',
        queueId: 'msk-sales',
        channel: 'voice',
        kind: 'inbound',
        customerAddress: '+79990000000',
      });
    });

    it('refuses QueueInteraction without an interaction id, naming the field', () => {
      const request = decoded(routingV1.QueueInteractionRequest, {
        tenantId: 'acme',
        branchId: 'msk',
        interaction: { queueId: 'msk-sales' },
      });

      expect((thrown(() => interactionOf(request)) as ProtoDecodeError).field).toBe('interaction.interaction_id');
    });

    it('answers AnnounceWait from the reply', () => {
      const reply = {
        position: 3,
        estimate: { remainingMs: 120_000, waitedMs: 30_000 },
        predictor: routingV1.WaitPredictor.WAIT_PREDICTOR_QUEUE_LENGTH,
        unbounded: false,
      };

      expect(announceWaitResponse(answer(reply))).toEqual({ commandId: 'c-1', ...reply });
    });
  });
});
