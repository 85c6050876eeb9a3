import {
  type AgentInput,
  type ConfigCommand,
  type ConfigEvent,
  decideConfigSequence,
  type EpochMs,
  emptyTenantConfig,
  type QueueInput,
} from '@cc/acd';

/**
 * The configuration events of a tenant built from commands, through the real configuration decider (so a scenario
 * cannot run a configuration the platform would refuse).
 */
export function tenantEventsOf(tenantId: string, commands: ConfigCommand[]): ConfigEvent[] {
  const decision = decideConfigSequence(commands, emptyTenantConfig(tenantId));
  if (!decision.ok) {
    const { command, error } = decision;
    throw new Error(`scenario configuration refused at ${command.type}: ${error.code}: ${error.message}`);
  }
  return decision.events;
}

export interface SimTenant {
  tenantId: string;
  at: EpochMs;
  branches: Array<{ branchId: string; timeZone: string }>;
  skills: string[];
  queues: QueueInput[];
  agents: AgentInput[];
}

/** Commands for a simple tenant: its branches, skills, the usual not-ready reasons, queues and agents. */
export function simpleTenantCommands(tenant: SimTenant): ConfigCommand[] {
  const base = { tenantId: tenant.tenantId, at: tenant.at, actor: 'sim' };
  return [
    { ...base, type: 'DefineTenant', name: `Simulated ${tenant.tenantId}`, currency: 'RUB' },
    ...tenant.branches.map((branch): ConfigCommand => ({
      ...base,
      type: 'DefineBranch',
      branch: { ...branch, name: branch.branchId.toUpperCase() },
    })),
    ...tenant.skills.map((skillId): ConfigCommand => ({
      ...base,
      type: 'DefineSkill',
      skill: { skillId, name: skillId },
    })),
    ...['break', 'lunch', 'missed-offer'].map((code): ConfigCommand => ({
      ...base,
      type: 'DefineNotReadyReason',
      reason: { code, name: code },
    })),
    ...tenant.queues.map((queue): ConfigCommand => ({ ...base, type: 'DefineQueue', queue })),
    ...tenant.agents.map((agent): ConfigCommand => ({ ...base, type: 'DefineAgent', agent })),
  ];
}
