import { queueWithDefaults } from './queue-defaults';
import type { QueueInput } from './config-commands';

const minimal: QueueInput = {
  queueId: 'msk-sales',
  branchId: 'msk',
  name: 'Moscow sales',
  requiredSkills: [{ skillId: 'sales', minLevel: 3 }],
};

describe('queueWithDefaults', () => {
  it('fills every field a definition leaves out', () => {
    expect(queueWithDefaults(minimal)).toEqual({
      ...minimal,
      channel: 'voice',
      strategy: 'longest-idle',
      priority: 50,
      agingPointsPerMinute: 1,
      vipPriorityBoost: 20,
      serviceLevel: { thresholdMs: 20_000, targetPercent: 80 },
      shortAbandonMs: 5_000,
      wrapUpMs: 15_000,
      ringTimeoutMs: 15_000,
      stickyAgentWaitMs: 0,
      expansion: [],
      agentGroups: [],
      waitPredictor: 'auto',
    });
  });

  it('keeps what the definition gives, including half a service level', () => {
    const queue = queueWithDefaults({
      ...minimal,
      strategy: 'most-skilled',
      priority: 0,
      agingPointsPerMinute: 0,
      serviceLevel: { targetPercent: 90 },
      language: 'en',
      whenNoAgentLoggedIn: { kind: 'voicemail' },
    });
    expect(queue).toMatchObject({
      strategy: 'most-skilled',
      priority: 0,
      agingPointsPerMinute: 0,
      serviceLevel: { thresholdMs: 20_000, targetPercent: 90 },
      language: 'en',
      whenNoAgentLoggedIn: { kind: 'voicemail' },
    });
  });

  it('has no keys for optional fields left out', () => {
    const queue = queueWithDefaults(minimal);
    expect('language' in queue).toBe(false);
    expect('whenNoAgentLoggedIn' in queue).toBe(false);
    expect('whenEstimatedWaitAbove' in queue).toBe(false);
  });

  it('shares no list or object with its input, and drops unknown fields', () => {
    const input = {
      ...minimal,
      requiredSkills: [{ skillId: 'sales', minLevel: 3 }],
      expansion: [{ afterMs: 60_000, action: { kind: 'branches' as const, branchIds: ['nsk'] } }],
      agentGroups: ['team-a'],
      comment: 'not a queue field',
    };
    const queue = queueWithDefaults(input);
    input.requiredSkills[0].minLevel = 9;
    input.agentGroups.push('team-b');
    input.expansion[0].action.branchIds.push('spb');
    expect(queue.requiredSkills).toEqual([{ skillId: 'sales', minLevel: 3 }]);
    expect(queue.agentGroups).toEqual(['team-a']);
    expect(queue.expansion).toEqual([{ afterMs: 60_000, action: { kind: 'branches', branchIds: ['nsk'] } }]);
    expect('comment' in queue).toBe(false);
  });
});
