/** The rules an agent profile (after defaults) and run-time changes of its skills and groups must satisfy. */
import { type ConfigError, configError } from './config-errors';
import {
  checkDistinctList,
  checkGroup,
  checkId,
  checkLanguage,
  checkLevel,
  checkName,
  checkRecord,
  fieldPath,
  firstError,
  isWholeNumberIn,
  shown,
} from './field-checks';
import { type AgentProfile, type Channel, CHANNELS, type TenantConfig } from './routing-config';

/** Interactions of one channel an agent may handle at once; voice is always 1. */
export const MAX_CAPACITY: Readonly<Record<Channel, number>> = { voice: 1, chat: 100, email: 100, sms: 100 };

/** The first thing wrong with `agent` as a (new or replacing) agent of `config`, or undefined if it is valid. */
export function validateAgent(agent: AgentProfile, config: TenantConfig): ConfigError | undefined {
  return firstError(
    () => checkId(agent.agentId, 'agentId', 'Agent id'),
    () => checkId(agent.branchId, 'branchId', 'Branch id'),
    () => checkName(agent.name, 'name', 'Agent name'),
    () =>
      config.branches[agent.branchId] === undefined
        ? configError('unknown-branch', `There is no branch "${agent.branchId}"; define it first.`, 'branchId')
        : undefined,
    () => validateAgentSkills(agent.skills, config, 'skills'),
    () => checkDistinctList(agent.languages, 'languages', 'Languages', checkLanguage),
    () => validateAgentGroups(agent.groups, 'groups'),
    () => checkCapacity(agent.capacity),
  );
}

/** skillId -> level 1..10, every skill defined in the tenant. An empty map is allowed (the agent serves no queue). */
export function validateAgentSkills(skills: unknown, config: TenantConfig, field: string): ConfigError | undefined {
  const notRecord = checkRecord(skills, field, 'Skills');
  if (notRecord !== undefined) return notRecord;
  for (const [skillId, level] of Object.entries(skills as Record<string, unknown>)) {
    const skillField = fieldPath(field, skillId);
    const wrong = firstError(
      () => checkId(skillId, skillField, 'Skill id'),
      () =>
        config.skills[skillId] === undefined
          ? configError('unknown-skill', `There is no skill "${skillId}"; define it first.`, skillField)
          : undefined,
      () => checkLevel(level, skillField),
    );
    if (wrong !== undefined) return wrong;
  }
  return undefined;
}

export function validateAgentGroups(groups: unknown, field: string): ConfigError | undefined {
  return checkDistinctList(groups, field, 'Groups', checkGroup);
}

function checkCapacity(capacity: unknown): ConfigError | undefined {
  const notRecord = checkRecord(capacity, 'capacity', 'Capacity');
  if (notRecord !== undefined) return notRecord;
  const entries = Object.entries(capacity as Record<string, unknown>);
  for (const [channel, count] of entries) {
    const field = fieldPath('capacity', channel);
    if (!(CHANNELS as readonly string[]).includes(channel)) {
      return configError('invalid-channel', `Capacity names "${channel}"; channels are ${CHANNELS.join(', ')}.`, field);
    }
    const max = MAX_CAPACITY[channel as Channel];
    if (!isWholeNumberIn(count, 1, max)) {
      return configError(
        'invalid-capacity',
        max === 1
          ? `An agent handles one ${channel} interaction at a time: capacity must be 1, got ${shown(count)}.`
          : `Capacity for ${channel} must be a whole number from 1 to ${max}, got ${shown(count)}; leave the channel out if the agent does not take it.`,
        field,
      );
    }
  }
  if (entries.length === 0) {
    return configError('invalid-capacity', 'An agent must take at least one channel, e.g. {"voice": 1}.', 'capacity');
  }
  return undefined;
}
