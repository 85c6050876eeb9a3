/**
 * Small factories for the configuration specs (Given events / When command / Then events or error).
 * Not exported from the library.
 */
import { agentWithDefaults } from './agent-defaults';
import type { AgentInput, QueueInput } from './config-commands';
import { applyConfigEvent, type ConfigChange, type ConfigEvent, emptyTenantConfig } from './config-events';
import { queueWithDefaults } from './queue-defaults';
import type { TenantConfig } from './routing-config';

export const TENANT_ID = 'acme';
export const AT = Date.UTC(2026, 0, 15, 9, 0, 0);
export const ACTOR = 'supervisor:42';
/** What every command of the specs carries. */
export const by = { tenantId: TENANT_ID, at: AT, actor: ACTOR } as const;

/** A change as the event at `version` (envelope filled in as the decider would). */
export function eventOf(change: ConfigChange, version: number): ConfigEvent {
  return { ...change, tenantId: TENANT_ID, version, at: AT, actor: ACTOR };
}

/** Given these changes happened, in order (versions 1..n): the resulting configuration. */
export function given(...changes: ConfigChange[]): TenantConfig {
  const config = emptyTenantConfig(TENANT_ID);
  changes.forEach((change, index) => applyConfigEvent(config, eventOf(change, index + 1)));
  return config;
}

export const tenantDefined: ConfigChange = { type: 'TenantDefined', name: 'Acme', currency: 'EUR' };

export function branchDefined(branchId: string, timeZone = 'Europe/Moscow'): ConfigChange {
  return { type: 'BranchDefined', branch: { branchId, name: branchId.toUpperCase(), timeZone } };
}

export function skillDefined(skillId: string): ConfigChange {
  return { type: 'SkillDefined', skill: { skillId, name: skillId } };
}

export function partnerDefined(partnerId: string): ConfigChange {
  return {
    type: 'PartnerDefined',
    partner: { partnerId, name: partnerId, trunkUri: `sip:overflow@${partnerId}.invalid` },
  };
}

export function queueDefined(input: QueueInput): ConfigChange {
  return { type: 'QueueDefined', queue: queueWithDefaults(input) };
}

export function agentDefined(input: AgentInput): ConfigChange {
  return { type: 'AgentDefined', agent: agentWithDefaults(input) };
}

/** A queue of branch msk requiring sales 5, with whatever else `more` says. */
export function salesQueue(queueId: string, more: Partial<QueueInput> = {}): QueueInput {
  return { queueId, branchId: 'msk', name: queueId, requiredSkills: [{ skillId: 'sales', minLevel: 5 }], ...more };
}

/** A tenant with branches msk and nsk, skills sales/support/billing and partner "outsourcer". */
export const basics: readonly ConfigChange[] = [
  tenantDefined,
  branchDefined('msk'),
  branchDefined('nsk', 'Asia/Novosibirsk'),
  skillDefined('sales'),
  skillDefined('support'),
  skillDefined('billing'),
  partnerDefined('outsourcer'),
];
