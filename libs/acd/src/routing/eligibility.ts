import { type AgentProfile, type Channel, type SkillRequirement } from '../config/routing-config';

/** What an agent must have to take an interaction, whether it waits here or was offered by another branch. */
export interface Requirements {
  channel: Channel;
  requiredSkills: SkillRequirement[];
  language?: string;
  agentGroups: string[];
}

/** Skills, levels, language, group and channel: does this agent fit? */
export function profileFits(profile: AgentProfile, requirements: Requirements): boolean {
  if ((profile.capacity[requirements.channel] ?? 0) <= 0) return false;
  for (const { skillId, minLevel } of requirements.requiredSkills) {
    const level = profile.skills[skillId];
    if (level === undefined || level < minLevel) return false;
  }
  if (requirements.language !== undefined && !profile.languages.includes(requirements.language)) return false;
  if (
    requirements.agentGroups.length > 0 &&
    !requirements.agentGroups.some((group) => profile.groups.includes(group))
  ) {
    return false;
  }
  return true;
}

/** Could this agent ever serve the requirements, if levels were relaxed to the minimum? */
export function profileCouldFit(profile: AgentProfile, requirements: Requirements): boolean {
  return profileFits(profile, atAnyLevel(requirements));
}

/** The same requirements with every skill level relaxed to the minimum. */
export function atAnyLevel(requirements: Requirements): Requirements {
  return { ...requirements, requiredSkills: relaxRequirements(requirements.requiredSkills, 1) };
}

/** Sum of the agent's levels in the required skills: "most skilled" ranks by it. */
export function skillScore(profile: AgentProfile, requiredSkills: SkillRequirement[]): number {
  let score = 0;
  for (const { skillId } of requiredSkills) score += profile.skills[skillId] ?? 0;
  return score;
}

/** The required skills plus the interaction's own, the stricter level winning where both name a skill. */
export function mergeRequirements(base: SkillRequirement[], extra: SkillRequirement[] = []): SkillRequirement[] {
  const levels = new Map<string, number>();
  for (const { skillId, minLevel } of [...base, ...extra])
    levels.set(skillId, Math.max(minLevel, levels.get(skillId) ?? 0));
  return [...levels].map(([skillId, minLevel]) => ({ skillId, minLevel }));
}

/** Every level lowered to at most `minLevel` (bullseye relaxation); never raises a level. */
export function relaxRequirements(requiredSkills: SkillRequirement[], minLevel: number): SkillRequirement[] {
  return requiredSkills.map((requirement) => ({
    skillId: requirement.skillId,
    minLevel: Math.min(requirement.minLevel, minLevel),
  }));
}
