/**
 * The configuration decider: decideConfig(command, config) -> events or a named error. Together with
 * applyConfigEvent (evolve) and emptyTenantConfig (initial state) it is the tenant configuration aggregate.
 * Pure: time and actor come in with the command.
 */
import { agentWithDefaults } from './agent-defaults';
import { validateAgent, validateAgentGroups, validateAgentSkills } from './agent-validation';
import type {
  ChangeAgentGroups,
  ChangeAgentSkills,
  ConfigCommand,
  ConfigCommandType,
  DefineAgent,
  DefineBranch,
  DefineNotReadyReason,
  DefinePartner,
  DefineQueue,
  DefineSkill,
  DefineTenant,
  RemoveAgent,
  RemoveQueue,
} from './config-commands';
import { type ConfigError, configError } from './config-errors';
import { applyConfigEvent, type ConfigChange, type ConfigEvent, isTenantDefined } from './config-events';
import {
  checkCurrency,
  checkId,
  checkList,
  checkName,
  checkRecord,
  checkTimeZone,
  checkTrunkUri,
  firstError,
  isRecord,
  isWholeNumberIn,
  shown,
} from './field-checks';
import { overflowReferrers } from './overflow-graph';
import { queueWithDefaults } from './queue-defaults';
import { validateQueue } from './queue-validation';
import type { TenantConfig } from './routing-config';
import { sameValue } from './same-value';

export type ConfigDecision = { ok: true; events: ConfigEvent[] } | { ok: false; error: ConfigError };

/** What one command amounts to: a change, nothing (already in force), or an error. */
type Outcome = { change: ConfigChange } | { unchanged: true } | { error: ConfigError };

const COMMAND_TYPES: Record<ConfigCommandType, true> = {
  DefineTenant: true,
  DefineBranch: true,
  DefineSkill: true,
  DefinePartner: true,
  DefineNotReadyReason: true,
  DefineQueue: true,
  RemoveQueue: true,
  DefineAgent: true,
  RemoveAgent: true,
  ChangeAgentSkills: true,
  ChangeAgentGroups: true,
};

const UNCHANGED: Outcome = { unchanged: true };

/**
 * Decides a configuration command against the tenant's current configuration.
 *
 * - A command that would change nothing (e.g. the identical queue definition again) is accepted with no events,
 *   whatever its expectedVersion: re-submitting is idempotent and loses no one's update.
 * - Otherwise an expectedVersion other than config.version is refused with 'version-conflict'.
 * - Every accepted change is exactly one event, with version = config.version + 1.
 */
export function decideConfig(command: ConfigCommand, config: TenantConfig): ConfigDecision {
  const refused = checkEnvelope(command, config);
  if (refused !== undefined) return { ok: false, error: refused };

  const outcome = decideChange(command, config);
  if ('error' in outcome) return { ok: false, error: outcome.error };
  if ('unchanged' in outcome) return { ok: true, events: [] };

  if (command.expectedVersion !== undefined && command.expectedVersion !== config.version) {
    return {
      ok: false,
      error: configError(
        'version-conflict',
        `The configuration changed meanwhile: it is at version ${config.version}, not ${command.expectedVersion}. ` +
          'Reload it and apply your change again.',
        'expectedVersion',
      ),
    };
  }
  const event: ConfigEvent = {
    ...outcome.change,
    tenantId: config.tenantId,
    version: config.version + 1,
    at: command.at,
    actor: command.actor,
  };
  return { ok: true, events: [event] };
}

function checkEnvelope(command: ConfigCommand, config: TenantConfig): ConfigError | undefined {
  const type: unknown = isRecord(command) ? command.type : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(COMMAND_TYPES, type)) {
    return configError('unknown-command', `Unknown configuration command ${shown(type)}.`, 'type');
  }
  if (command.tenantId !== config.tenantId) {
    return configError(
      'tenant-mismatch',
      `The command is for tenant ${shown(command.tenantId)} but was given the configuration of "${config.tenantId}".`,
      'tenantId',
    );
  }
  if (typeof command.actor !== 'string' || command.actor.trim() === '') {
    return configError('invalid-actor', 'Say who makes the change (actor), e.g. "supervisor:42".', 'actor');
  }
  if (!isWholeNumberIn(command.at, 0, Number.MAX_SAFE_INTEGER)) {
    return configError(
      'invalid-time',
      `The time of the change must be epoch milliseconds, got ${shown(command.at)}.`,
      'at',
    );
  }
  if (command.expectedVersion !== undefined && !isWholeNumberIn(command.expectedVersion, 0, Number.MAX_SAFE_INTEGER)) {
    return configError(
      'invalid-number',
      `expectedVersion must be a configuration version (a whole number, 0 or more), got ${shown(command.expectedVersion)}.`,
      'expectedVersion',
    );
  }
  if (command.type !== 'DefineTenant' && !isTenantDefined(config)) {
    return configError(
      'tenant-not-defined',
      `Tenant "${config.tenantId}" is not defined yet; define the tenant first.`,
    );
  }
  return undefined;
}

function decideChange(command: ConfigCommand, config: TenantConfig): Outcome {
  switch (command.type) {
    case 'DefineTenant':
      return defineTenant(command, config);
    case 'DefineBranch':
      return defineBranch(command, config);
    case 'DefineSkill':
      return defineSkill(command, config);
    case 'DefinePartner':
      return definePartner(command, config);
    case 'DefineNotReadyReason':
      return defineNotReadyReason(command, config);
    case 'DefineQueue':
      return defineQueue(command, config);
    case 'RemoveQueue':
      return removeQueue(command, config);
    case 'DefineAgent':
      return defineAgent(command, config);
    case 'RemoveAgent':
      return removeAgent(command, config);
    case 'ChangeAgentSkills':
      return changeAgentSkills(command, config);
    case 'ChangeAgentGroups':
      return changeAgentGroups(command, config);
    default: {
      const unexpected: never = command;
      return { error: configError('unknown-command', `Unknown configuration command ${shown(unexpected)}.`, 'type') };
    }
  }
}

function refuse(error: ConfigError | undefined): Outcome | undefined {
  return error === undefined ? undefined : { error };
}

function defineTenant(command: DefineTenant, config: TenantConfig): Outcome {
  const refused = refuse(
    firstError(
      () => checkId(config.tenantId, 'tenantId', 'Tenant id'),
      () => checkName(command.name, 'name', 'Tenant name'),
      () => checkCurrency(command.currency, 'currency'),
    ),
  );
  if (refused !== undefined) return refused;
  if (isTenantDefined(config) && config.name === command.name && config.currency === command.currency) return UNCHANGED;
  return { change: { type: 'TenantDefined', name: command.name, currency: command.currency } };
}

function defineBranch(command: DefineBranch, config: TenantConfig): Outcome {
  const input: unknown = command.branch;
  const refused = refuse(
    firstError(
      () => checkRecord(input, 'branch', 'The branch'),
      () => checkId(command.branch.branchId, 'branchId', 'Branch id'),
      () => checkName(command.branch.name, 'name', 'Branch name'),
      () => checkTimeZone(command.branch.timeZone, 'timeZone'),
    ),
  );
  if (refused !== undefined) return refused;
  const { branchId, name, timeZone } = command.branch;
  const branch = { branchId, name, timeZone };
  if (sameValue(config.branches[branchId], branch)) return UNCHANGED;
  return { change: { type: 'BranchDefined', branch } };
}

function defineSkill(command: DefineSkill, config: TenantConfig): Outcome {
  const input: unknown = command.skill;
  const refused = refuse(
    firstError(
      () => checkRecord(input, 'skill', 'The skill'),
      () => checkId(command.skill.skillId, 'skillId', 'Skill id'),
      () => checkName(command.skill.name, 'name', 'Skill name'),
    ),
  );
  if (refused !== undefined) return refused;
  const skill = { skillId: command.skill.skillId, name: command.skill.name };
  if (sameValue(config.skills[skill.skillId], skill)) return UNCHANGED;
  return { change: { type: 'SkillDefined', skill } };
}

function definePartner(command: DefinePartner, config: TenantConfig): Outcome {
  const input: unknown = command.partner;
  const refused = refuse(
    firstError(
      () => checkRecord(input, 'partner', 'The partner'),
      () => checkId(command.partner.partnerId, 'partnerId', 'Partner id'),
      () => checkName(command.partner.name, 'name', 'Partner name'),
      () => checkTrunkUri(command.partner.trunkUri, 'trunkUri'),
    ),
  );
  if (refused !== undefined) return refused;
  const { partnerId, name, trunkUri } = command.partner;
  const partner = { partnerId, name, trunkUri };
  if (sameValue(config.partners[partnerId], partner)) return UNCHANGED;
  return { change: { type: 'PartnerDefined', partner } };
}

function defineNotReadyReason(command: DefineNotReadyReason, config: TenantConfig): Outcome {
  const input: unknown = command.reason;
  const refused = refuse(
    firstError(
      () => checkRecord(input, 'reason', 'The reason'),
      () => checkId(command.reason.code, 'code', 'Reason code'),
      () => checkName(command.reason.name, 'name', 'Reason name'),
    ),
  );
  if (refused !== undefined) return refused;
  const reason = { code: command.reason.code, name: command.reason.name };
  if (sameValue(config.notReadyReasons[reason.code], reason)) return UNCHANGED;
  return { change: { type: 'NotReadyReasonDefined', reason } };
}

function defineQueue(command: DefineQueue, config: TenantConfig): Outcome {
  const input: unknown = command.queue;
  const badShape = refuse(
    firstError(
      () => checkRecord(input, 'queue', 'The queue'),
      // Defaults would hide these mistakes of JSON input: a missing list, a service level that is no object.
      () => checkList(command.queue.requiredSkills, 'requiredSkills', 'Required skills'),
      () =>
        command.queue.serviceLevel === undefined
          ? undefined
          : checkRecord(command.queue.serviceLevel, 'serviceLevel', 'Service level'),
    ),
  );
  if (badShape !== undefined) return badShape;
  const queue = queueWithDefaults(command.queue);
  const refused = refuse(validateQueue(queue, config));
  if (refused !== undefined) return refused;
  if (sameValue(config.queues[queue.queueId], queue)) return UNCHANGED;
  return { change: { type: 'QueueDefined', queue } };
}

function removeQueue(command: RemoveQueue, config: TenantConfig): Outcome {
  const { queueId } = command;
  const refused = refuse(
    firstError(
      () => checkId(queueId, 'queueId', 'Queue id'),
      () =>
        config.queues[queueId] === undefined
          ? configError('unknown-queue', `There is no queue "${queueId}".`, 'queueId')
          : undefined,
    ),
  );
  if (refused !== undefined) return refused;
  const [referrer] = overflowReferrers(queueId, config.queues);
  if (referrer !== undefined) {
    return {
      error: configError(
        'queue-referenced',
        `Queue "${referrer.queueId}" overflows into "${queueId}" (${referrer.field}); change that overflow first.`,
        'queueId',
      ),
    };
  }
  return { change: { type: 'QueueRemoved', queueId } };
}

function defineAgent(command: DefineAgent, config: TenantConfig): Outcome {
  const input: unknown = command.agent;
  const notRecord = refuse(checkRecord(input, 'agent', 'The agent'));
  if (notRecord !== undefined) return notRecord;
  const agent = agentWithDefaults(command.agent);
  const refused = refuse(validateAgent(agent, config));
  if (refused !== undefined) return refused;
  if (sameValue(config.agents[agent.agentId], agent)) return UNCHANGED;
  return { change: { type: 'AgentDefined', agent } };
}

function removeAgent(command: RemoveAgent, config: TenantConfig): Outcome {
  const refused = refuse(existingAgent(command.agentId, config));
  if (refused !== undefined) return refused;
  return { change: { type: 'AgentRemoved', agentId: command.agentId } };
}

function changeAgentSkills(command: ChangeAgentSkills, config: TenantConfig): Outcome {
  const refused = refuse(
    firstError(
      () => existingAgent(command.agentId, config),
      () => validateAgentSkills(command.skills, config, 'skills'),
    ),
  );
  if (refused !== undefined) return refused;
  if (sameValue(config.agents[command.agentId].skills, command.skills)) return UNCHANGED;
  return { change: { type: 'AgentSkillsChanged', agentId: command.agentId, skills: { ...command.skills } } };
}

function changeAgentGroups(command: ChangeAgentGroups, config: TenantConfig): Outcome {
  const refused = refuse(
    firstError(
      () => existingAgent(command.agentId, config),
      () => validateAgentGroups(command.groups, 'groups'),
    ),
  );
  if (refused !== undefined) return refused;
  if (sameValue(config.agents[command.agentId].groups, command.groups)) return UNCHANGED;
  return { change: { type: 'AgentGroupsChanged', agentId: command.agentId, groups: [...command.groups] } };
}

function existingAgent(agentId: unknown, config: TenantConfig): ConfigError | undefined {
  return firstError(
    () => checkId(agentId, 'agentId', 'Agent id'),
    () =>
      config.agents[agentId as string] === undefined
        ? configError('unknown-agent', `There is no agent "${String(agentId)}".`, 'agentId')
        : undefined,
  );
}

export type ConfigSequenceDecision =
  { ok: true; events: ConfigEvent[]; config: TenantConfig } | { ok: false; error: ConfigError; command: ConfigCommand };

/**
 * Decides commands one after the other, each against the configuration the previous ones left: how a seed or a
 * scenario builds a tenant. Stops at the first refused command. `config` is folded in place.
 */
export function decideConfigSequence(commands: Iterable<ConfigCommand>, config: TenantConfig): ConfigSequenceDecision {
  const events: ConfigEvent[] = [];
  for (const command of commands) {
    const decision = decideConfig(command, config);
    if (!decision.ok) return { ok: false, error: decision.error, command };
    for (const event of decision.events) {
      applyConfigEvent(config, event);
      events.push(event);
    }
  }
  return { ok: true, events, config };
}
