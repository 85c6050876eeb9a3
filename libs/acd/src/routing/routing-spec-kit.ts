/* Test kit for the routing specs: a small tenant and terse command builders. Used by *.spec.ts only. */
import { type ConfigCommand } from '../config/config-commands';
import { decideConfigSequence } from '../config/config-decider';
import { type ConfigEvent, emptyTenantConfig } from '../config/config-events';
import { type AgentInput, type QueueInput } from '../config';
import { type RoutingDecision } from './decide';
import { type InteractionRequest, type RoutingCommand } from './routing-commands';
import { routingDomainId } from './routing-domain';
import { RoutingEngine } from './routing-engine';
import { type RoutingEvent } from './routing-events';

export const T0 = Date.UTC(2026, 10, 23, 6, 0, 0);
export const TENANT = 'acme';
export const MSK = routingDomainId(TENANT, 'msk');
export const NSK = routingDomainId(TENANT, 'nsk');

export const sec = (s: number): number => T0 + s * 1000;

/** Configuration events of a test tenant: two branches, three skills, the given queues and agents. */
export function tenantEvents(queues: QueueInput[], agents: AgentInput[]): ConfigEvent[] {
  const base = { tenantId: TENANT, at: T0, actor: 'test' };
  const commands: ConfigCommand[] = [
    { ...base, type: 'DefineTenant', name: 'Acme', currency: 'RUB' },
    { ...base, type: 'DefineBranch', branch: { branchId: 'msk', name: 'Moscow', timeZone: 'Europe/Moscow' } },
    { ...base, type: 'DefineBranch', branch: { branchId: 'nsk', name: 'Novosibirsk', timeZone: 'Asia/Novosibirsk' } },
    { ...base, type: 'DefineSkill', skill: { skillId: 'sales', name: 'Sales' } },
    { ...base, type: 'DefineSkill', skill: { skillId: 'support', name: 'Support' } },
    { ...base, type: 'DefineSkill', skill: { skillId: 'billing', name: 'Billing' } },
    {
      ...base,
      type: 'DefinePartner',
      partner: { partnerId: 'partner', name: 'Partner', trunkUri: 'sip:overflow@partner.invalid' },
    },
    { ...base, type: 'DefineNotReadyReason', reason: { code: 'break', name: 'Break' } },
    { ...base, type: 'DefineNotReadyReason', reason: { code: 'lunch', name: 'Lunch' } },
    { ...base, type: 'DefineNotReadyReason', reason: { code: 'missed-offer', name: 'Missed offer' } },
    ...queues.map((queue): ConfigCommand => ({ ...base, type: 'DefineQueue', queue })),
    ...agents.map((agent): ConfigCommand => ({ ...base, type: 'DefineAgent', agent })),
  ];
  const decision = decideConfigSequence(commands, emptyTenantConfig(TENANT));
  if (!decision.ok) throw new Error(`test tenant refused: ${decision.error.message}`);
  return decision.events;
}

export function agent(agentId: string, skills: Record<string, number>, more: Partial<AgentInput> = {}): AgentInput {
  return { agentId, branchId: 'msk', name: `Agent ${agentId}`, skills, languages: ['ru'], ...more };
}

export function queue(queueId: string, skill: string, more: Partial<QueueInput> = {}): QueueInput {
  return { queueId, branchId: 'msk', name: queueId, requiredSkills: [{ skillId: skill, minLevel: 1 }], ...more };
}

let commandCounter = 0;
const id = (): string => `cmd-${++commandCounter}`;

export const cmd = {
  config: (event: ConfigEvent): RoutingCommand => ({
    type: 'ApplyConfig',
    commandId: `config-${event.version}`,
    at: event.at,
    event,
  }),
  login: (agentId: string, s: number, initialState?: 'Available' | 'NotReady'): RoutingCommand => ({
    type: 'LogInAgent',
    commandId: id(),
    at: sec(s),
    agentId,
    initialState,
  }),
  logout: (agentId: string, s: number): RoutingCommand => ({
    type: 'LogOutAgent',
    commandId: id(),
    at: sec(s),
    agentId,
  }),
  ready: (agentId: string, s: number): RoutingCommand => ({
    type: 'MakeAgentReady',
    commandId: id(),
    at: sec(s),
    agentId,
  }),
  notReady: (agentId: string, reasonCode: string, s: number): RoutingCommand => ({
    type: 'MakeAgentNotReady',
    commandId: id(),
    at: sec(s),
    agentId,
    reasonCode,
  }),
  call: (
    interactionId: string,
    queueId: string,
    s: number,
    more: Partial<InteractionRequest> = {},
  ): RoutingCommand => ({
    type: 'QueueInteraction',
    commandId: id(),
    at: sec(s),
    interaction: {
      interactionId,
      queueId,
      channel: 'voice',
      kind: 'inbound',
      customerAddress: '+79160000001',
      ...more,
    },
  }),
  accept: (interactionId: string, agentId: string, s: number): RoutingCommand => ({
    type: 'AcceptOffer',
    commandId: id(),
    at: sec(s),
    interactionId,
    agentId,
  }),
  reject: (interactionId: string, agentId: string, s: number): RoutingCommand => ({
    type: 'RejectOffer',
    commandId: id(),
    at: sec(s),
    interactionId,
    agentId,
  }),
  abandon: (interactionId: string, s: number): RoutingCommand => ({
    type: 'AbandonInteraction',
    commandId: id(),
    at: sec(s),
    interactionId,
  }),
  complete: (interactionId: string, s: number): RoutingCommand => ({
    type: 'CompleteInteraction',
    commandId: id(),
    at: sec(s),
    interactionId,
  }),
  callback: (interactionId: string, s: number, callbackAddress?: string): RoutingCommand => ({
    type: 'RequestCallback',
    commandId: id(),
    at: sec(s),
    interactionId,
    callbackAddress,
  }),
  announce: (interactionId: string, s: number): RoutingCommand => ({
    type: 'AnnounceWait',
    commandId: id(),
    at: sec(s),
    interactionId,
  }),
  tick: (s: number): RoutingCommand => ({ type: 'AdvanceTime', commandId: id(), at: sec(s) }),
};

/** An engine for the msk (or another) domain with the tenant's configuration applied. */
export function engineWith(configEvents: ConfigEvent[], domainId = MSK): RoutingEngine {
  const engine = new RoutingEngine(domainId);
  for (const event of configEvents) expectOk(engine.execute(cmd.config(event)));
  return engine;
}

export function expectOk(decision: RoutingDecision): RoutingEvent[] {
  if (!decision.ok) throw new Error(`command refused: ${decision.error.code}: ${decision.error.message}`);
  return decision.events;
}

/** The events' types and the fields a spec cares about, for readable expectations. */
export function summary(events: RoutingEvent[]): string[] {
  return events.map((event) => {
    switch (event.type) {
      case 'AgentStateChanged':
        return `${event.agentId} ${event.from}->${event.to}${event.reasonCode === undefined ? '' : `(${event.reasonCode})`}`;
      case 'InteractionOffered':
        return `offered ${event.interactionId} to ${event.agentId}`;
      case 'OfferAccepted':
        return `accepted ${event.interactionId} by ${event.agentId}`;
      case 'OfferRejected':
        return `rejected ${event.interactionId} by ${event.agentId}`;
      case 'OfferTimedOut':
        return `timed out ${event.interactionId} at ${event.agentId}`;
      case 'InteractionQueued':
        return `queued ${event.interaction.interactionId} in ${event.interaction.queueId} at ${event.position}`;
      default:
        return event.type;
    }
  });
}
