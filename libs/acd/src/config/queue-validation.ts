/** The rules a queue definition (after defaults) must satisfy against the tenant's configuration. */
import { type ConfigError, configError } from './config-errors';
import {
  checkDistinctList,
  checkDuration,
  checkGroup,
  checkId,
  checkLanguage,
  checkLevel,
  checkList,
  checkName,
  checkPercent,
  checkRecord,
  fieldPath,
  firstError,
  isRecord,
  isWholeNumberIn,
  shown,
} from './field-checks';
import { describeCycle, findOverflowCycle, overflowEdges, overflowReferrers } from './overflow-graph';
import {
  CHANNELS,
  type ExpansionAction,
  type QueueConfig,
  ROUTING_STRATEGIES,
  type TenantConfig,
  type WaitPredictorChoice,
} from './routing-config';

const WAIT_PREDICTOR_SET: Record<WaitPredictorChoice, true> = {
  auto: true,
  'queue-length': true,
  'head-of-line': true,
  'last-to-enter-service': true,
};
export const WAIT_PREDICTOR_CHOICES = Object.keys(WAIT_PREDICTOR_SET) as readonly WaitPredictorChoice[];

const ACTION_KIND_SET: Record<ExpansionAction['kind'], true> = {
  'relax-skill-levels': true,
  branches: true,
  queue: true,
  partner: true,
  voicemail: true,
  callback: true,
};
const ACTION_KINDS = Object.keys(ACTION_KIND_SET) as ReadonlyArray<ExpansionAction['kind']>;

export const MAX_PRIORITY = 100;

/** The first thing wrong with `queue` as a (new or replacing) queue of `config`, or undefined if it is valid. */
export function validateQueue(queue: QueueConfig, config: TenantConfig): ConfigError | undefined {
  return firstError(
    () => checkIdentity(queue, config),
    () => checkChoices(queue),
    () => checkRequiredSkills(queue.requiredSkills, config),
    () => (queue.language === undefined ? undefined : checkLanguage(queue.language, 'language')),
    () => checkDistinctList(queue.agentGroups, 'agentGroups', 'Agent groups', checkGroup),
    () => checkPriorities(queue),
    () => checkTimes(queue),
    () => checkExpansion(queue, config),
    () =>
      queue.whenNoAgentLoggedIn === undefined
        ? undefined
        : checkAction(queue.whenNoAgentLoggedIn, 'whenNoAgentLoggedIn', queue, config, false),
    () => checkEstimatedWaitRule(queue, config),
    () => checkReferrers(queue, config),
    () => checkCycles(queue, config),
  );
}

function checkIdentity(queue: QueueConfig, config: TenantConfig): ConfigError | undefined {
  return firstError(
    () => checkId(queue.queueId, 'queueId', 'Queue id'),
    () => checkId(queue.branchId, 'branchId', 'Branch id'),
    () => checkName(queue.name, 'name', 'Queue name'),
    () =>
      config.branches[queue.branchId] === undefined
        ? configError('unknown-branch', `There is no branch "${queue.branchId}"; define it first.`, 'branchId')
        : undefined,
    () => {
      const existing = config.queues[queue.queueId];
      if (existing === undefined || existing.branchId === queue.branchId) return undefined;
      return configError(
        'queue-branch-changed',
        `Queue "${queue.queueId}" belongs to branch "${existing.branchId}" and cannot move to "${queue.branchId}"; ` +
          'define a new queue in that branch instead.',
        'branchId',
      );
    },
  );
}

function checkChoices(queue: QueueConfig): ConfigError | undefined {
  if (!CHANNELS.includes(queue.channel)) {
    return configError(
      'invalid-channel',
      `Channel must be one of ${CHANNELS.join(', ')}, got ${shown(queue.channel)}.`,
      'channel',
    );
  }
  if (!ROUTING_STRATEGIES.includes(queue.strategy)) {
    return configError(
      'invalid-strategy',
      `Strategy must be one of ${ROUTING_STRATEGIES.join(', ')}, got ${shown(queue.strategy)}.`,
      'strategy',
    );
  }
  if (!WAIT_PREDICTOR_CHOICES.includes(queue.waitPredictor)) {
    return configError(
      'invalid-wait-predictor',
      `Wait predictor must be one of ${WAIT_PREDICTOR_CHOICES.join(', ')}, got ${shown(queue.waitPredictor)}.`,
      'waitPredictor',
    );
  }
  return undefined;
}

function checkRequiredSkills(requiredSkills: unknown, config: TenantConfig): ConfigError | undefined {
  const notList = checkList(requiredSkills, 'requiredSkills', 'Required skills');
  if (notList !== undefined || !Array.isArray(requiredSkills)) return notList;
  const seen = new Set<string>();
  for (const [index, requirement] of (requiredSkills as unknown[]).entries()) {
    const field = fieldPath('requiredSkills', index);
    if (!isRecord(requirement)) {
      return configError(
        'invalid-shape',
        `Each required skill must be {skillId, minLevel}, got ${shown(requirement)}.`,
        field,
      );
    }
    const skillId = requirement['skillId'];
    const wrong = firstError(
      () => checkId(skillId, `${field}.skillId`, 'Skill id'),
      () =>
        config.skills[skillId as string] === undefined
          ? configError('unknown-skill', `There is no skill "${String(skillId)}"; define it first.`, `${field}.skillId`)
          : undefined,
      () =>
        seen.has(skillId as string)
          ? configError('duplicate-value', `Skill "${String(skillId)}" is required twice.`, `${field}.skillId`)
          : undefined,
      () => checkLevel(requirement['minLevel'], `${field}.minLevel`),
    );
    if (wrong !== undefined) return wrong;
    seen.add(skillId as string);
  }
  return undefined;
}

function checkPriorities(queue: QueueConfig): ConfigError | undefined {
  if (!isWholeNumberIn(queue.priority, 0, MAX_PRIORITY)) {
    return configError(
      'invalid-priority',
      `Priority must be a whole number from 0 to ${MAX_PRIORITY}, got ${shown(queue.priority)}.`,
      'priority',
    );
  }
  const aging = queue.agingPointsPerMinute;
  if (typeof aging !== 'number' || !Number.isFinite(aging) || aging < 0 || aging > MAX_PRIORITY) {
    return configError(
      'invalid-number',
      `Aging must be from 0 to ${MAX_PRIORITY} priority points per minute, got ${shown(aging)}.`,
      'agingPointsPerMinute',
    );
  }
  if (!isWholeNumberIn(queue.vipPriorityBoost, 0, MAX_PRIORITY)) {
    return configError(
      'invalid-priority',
      `VIP priority boost must be a whole number from 0 to ${MAX_PRIORITY}, got ${shown(queue.vipPriorityBoost)}.`,
      'vipPriorityBoost',
    );
  }
  return undefined;
}

function checkTimes(queue: QueueConfig): ConfigError | undefined {
  return firstError(
    () => checkRecord(queue.serviceLevel, 'serviceLevel', 'Service level'),
    () => checkDuration(queue.serviceLevel.thresholdMs, 'serviceLevel.thresholdMs', 'Service level threshold'),
    () => checkPercent(queue.serviceLevel.targetPercent, 'serviceLevel.targetPercent', 'Service level target'),
    () => checkDuration(queue.shortAbandonMs, 'shortAbandonMs', 'Short abandon time'),
    () => checkDuration(queue.wrapUpMs, 'wrapUpMs', 'Wrap-up time'),
    () => checkDuration(queue.ringTimeoutMs, 'ringTimeoutMs', 'Ring timeout', 1),
    () => checkDuration(queue.stickyAgentWaitMs, 'stickyAgentWaitMs', 'Sticky agent wait'),
  );
}

function checkExpansion(queue: QueueConfig, config: TenantConfig): ConfigError | undefined {
  const notList = checkList(queue.expansion, 'expansion', 'Expansion');
  if (notList !== undefined) return notList;
  let previousAfterMs = -1;
  for (const [index, step] of (queue.expansion as unknown[]).entries()) {
    const field = fieldPath('expansion', index);
    if (!isRecord(step)) {
      return configError('invalid-shape', `Each expansion step must be {afterMs, action}, got ${shown(step)}.`, field);
    }
    const afterMs = step['afterMs'];
    const wrong = checkDuration(afterMs, `${field}.afterMs`, 'Expansion step time');
    if (wrong !== undefined) return wrong;
    if ((afterMs as number) <= previousAfterMs) {
      return configError(
        'expansion-out-of-order',
        `Expansion steps must be in strictly increasing order of afterMs: ${shown(afterMs)} does not come after ${previousAfterMs}.`,
        `${field}.afterMs`,
      );
    }
    previousAfterMs = afterMs as number;
    const wrongAction = checkAction(step['action'], `${field}.action`, queue, config, true);
    if (wrongAction !== undefined) return wrongAction;
  }
  return undefined;
}

function checkEstimatedWaitRule(queue: QueueConfig, config: TenantConfig): ConfigError | undefined {
  const rule: unknown = queue.whenEstimatedWaitAbove;
  if (rule === undefined) return undefined;
  if (!isRecord(rule)) {
    return configError(
      'invalid-shape',
      `whenEstimatedWaitAbove must be {thresholdMs, action}, got ${shown(rule)}.`,
      'whenEstimatedWaitAbove',
    );
  }
  return firstError(
    () => checkDuration(rule['thresholdMs'], 'whenEstimatedWaitAbove.thresholdMs', 'Estimated wait threshold'),
    () => checkAction(rule['action'], 'whenEstimatedWaitAbove.action', queue, config, false),
  );
}

/** One expansion or overflow action; `relax-skill-levels` only as an expansion step. */
function checkAction(
  value: unknown,
  field: string,
  queue: QueueConfig,
  config: TenantConfig,
  isExpansionStep: boolean,
): ConfigError | undefined {
  if (
    !isRecord(value) ||
    typeof value['kind'] !== 'string' ||
    !(ACTION_KINDS as readonly string[]).includes(value['kind'])
  ) {
    return configError(
      'invalid-overflow',
      `An action must have a kind among ${ACTION_KINDS.join(', ')}, got ${shown(value)}.`,
      isRecord(value) ? `${field}.kind` : field,
    );
  }
  const action = value as unknown as ExpansionAction;
  switch (action.kind) {
    case 'relax-skill-levels':
      if (!isExpansionStep) {
        return configError(
          'invalid-overflow',
          "'relax-skill-levels' can only be an expansion step; here the action must move the interaction.",
          `${field}.kind`,
        );
      }
      return checkLevel(action.minLevel, `${field}.minLevel`);
    case 'branches':
      return checkBranchesAction(action.branchIds, `${field}.branchIds`, queue, config);
    case 'queue':
      return checkQueueAction(action.queueId, `${field}.queueId`, queue, config);
    case 'partner':
      return firstError(
        () => checkId(action.partnerId, `${field}.partnerId`, 'Partner id'),
        () =>
          config.partners[action.partnerId] === undefined
            ? configError(
                'unknown-partner',
                `There is no partner "${action.partnerId}"; define it first.`,
                `${field}.partnerId`,
              )
            : undefined,
      );
    case 'voicemail':
    case 'callback':
      return undefined;
    default: {
      const unexpected: never = action;
      return configError('invalid-overflow', `Unknown action ${shown(unexpected)}.`, field);
    }
  }
}

function checkBranchesAction(
  branchIds: unknown,
  field: string,
  queue: QueueConfig,
  config: TenantConfig,
): ConfigError | undefined {
  const wrong = checkDistinctList(branchIds, field, 'Overflow branches', (branchId, itemField) =>
    firstError(
      () => checkId(branchId, itemField, 'Branch id'),
      () =>
        branchId === queue.branchId
          ? configError(
              'overflow-to-own-branch',
              `Overflow must name other branches than the queue's own branch "${queue.branchId}".`,
              itemField,
            )
          : undefined,
      () =>
        config.branches[branchId as string] === undefined
          ? configError('unknown-branch', `There is no branch "${String(branchId)}"; define it first.`, itemField)
          : undefined,
    ),
  );
  if (wrong !== undefined) return wrong;
  if ((branchIds as unknown[]).length === 0) {
    return configError('invalid-overflow', 'Overflow to branches must name at least one branch.', field);
  }
  return undefined;
}

function checkQueueAction(
  queueId: unknown,
  field: string,
  queue: QueueConfig,
  config: TenantConfig,
): ConfigError | undefined {
  const wrongId = checkId(queueId, field, 'Queue id');
  if (wrongId !== undefined) return wrongId;
  if (queueId === queue.queueId) {
    return configError('overflow-to-itself', `Queue "${queue.queueId}" cannot overflow into itself.`, field);
  }
  const target = config.queues[queueId as string];
  if (target === undefined) {
    return configError('unknown-queue', `There is no queue "${String(queueId)}"; define it first.`, field);
  }
  if (target.branchId !== queue.branchId) {
    return configError(
      'overflow-to-other-branch',
      `Queue "${target.queueId}" is in branch "${target.branchId}", not "${queue.branchId}": a queue overflows only ` +
        "into queues of its own branch; use a 'branches' overflow to reach other branches.",
      field,
    );
  }
  if (target.channel !== queue.channel) {
    return configError(
      'overflow-channel-mismatch',
      `Queue "${target.queueId}" takes ${target.channel}, not ${queue.channel}: overflow only into a queue of the same channel.`,
      field,
    );
  }
  return undefined;
}

/** A queue that others overflow into keeps their channel (its branch cannot change at all). */
function checkReferrers(queue: QueueConfig, config: TenantConfig): ConfigError | undefined {
  for (const referrer of overflowReferrers(queue.queueId, config.queues)) {
    const channel = config.queues[referrer.queueId].channel;
    if (channel !== queue.channel) {
      return configError(
        'overflow-channel-mismatch',
        `Queue "${referrer.queueId}" (${channel}) overflows into "${queue.queueId}", so it must stay a ${channel} queue.`,
        'channel',
      );
    }
  }
  return undefined;
}

function checkCycles(queue: QueueConfig, config: TenantConfig): ConfigError | undefined {
  if (overflowEdges(queue).length === 0) return undefined;
  const cycle = findOverflowCycle(queue, config.queues);
  if (cycle === undefined) return undefined;
  return configError(
    'overflow-cycle',
    `Overflow would go round in a circle: ${describeCycle(cycle)}. Remove one of these queue overflows.`,
    cycle.field,
  );
}
