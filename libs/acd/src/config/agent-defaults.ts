import type { AgentInput } from './config-commands';
import type { AgentProfile } from './routing-config';

/** The capacity of an agent whose definition gives none: one voice call at a time. */
export const DEFAULT_AGENT_CAPACITY = { voice: 1 } as const;

/**
 * A complete agent profile from a definition: capacity defaults to {voice: 1}, languages and groups to [].
 * The result shares no arrays or objects with the input; unknown input fields are dropped. Values are not
 * validated here (see validateAgent).
 */
export function agentWithDefaults(input: AgentInput): AgentProfile {
  return {
    agentId: input.agentId,
    branchId: input.branchId,
    name: input.name,
    skills: copyRecord(input.skills),
    languages: copyList(input.languages),
    groups: copyList(input.groups),
    capacity: input.capacity === undefined ? { ...DEFAULT_AGENT_CAPACITY } : copyRecord(input.capacity),
  };
}

function copyList<T>(list: readonly T[] | undefined): T[] {
  if (list === undefined) return [];
  return Array.isArray(list) ? [...list] : (list as T[]);
}

function copyRecord<T extends object>(record: T): T {
  return typeof record === 'object' && record !== null && !Array.isArray(record) ? { ...record } : record;
}
