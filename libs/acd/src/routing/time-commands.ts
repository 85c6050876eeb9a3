import { withdrawFromAgent } from './agent-commands';
import { type Decision } from './decision';
import { releaseAgent, routeInteraction } from './dispatch';
import { relaxRequirements } from './eligibility';
import { applyOverflow } from './interaction-commands';
import { type RoutingDomainState } from './routing-state';
import { type Timer } from './timer-queue';

/**
 * Fires every timer due by the decision's time, earliest first. A timer whose cause is gone (the offer was answered,
 * the agent ended wrap-up early, the interaction left) finds nothing to do: late or repeated ticks are harmless.
 */
export function advanceTime(decision: Decision): void {
  const { state, now } = decision;
  for (let due = state.timers.popDue(now); due !== undefined; due = state.timers.popDue(now)) {
    fire(decision, { at: due.at, ...due.item });
  }
}

/** The earliest deadline still meaning something, dropping those whose cause is gone. */
export function nextDeadline(state: RoutingDomainState): number | undefined {
  for (let next = state.timers.peek(); next !== undefined; next = state.timers.peek()) {
    if (isLive(state, { at: next.at, ...next.item })) return next.at;
    state.timers.pop();
  }
  return undefined;
}

function isLive(state: RoutingDomainState, timer: Timer): boolean {
  switch (timer.kind) {
    case 'ring': {
      const agent = state.agents.get(timer.id);
      return agent?.state === 'Reserved' && agent.claim === undefined && agent.ringDeadline === timer.at;
    }
    case 'wrap-up': {
      const agent = state.agents.get(timer.id);
      return agent?.state === 'WrapUp' && agent.wrapUpDeadline === timer.at;
    }
    case 'claim': {
      const agent = state.agents.get(timer.id);
      return agent?.state === 'Reserved' && agent.claim?.deadline === timer.at;
    }
    case 'expansion':
    case 'preference':
      return state.interactions.get(timer.id)?.status === 'waiting';
    default: {
      const unknown: never = timer.kind;
      throw new Error(`unknown timer ${String(unknown)}`);
    }
  }
}

function fire(decision: Decision, timer: Timer): void {
  const { state } = decision;
  switch (timer.kind) {
    case 'ring': {
      const agent = state.agents.get(timer.id);
      if (agent?.state === 'Reserved' && agent.claim === undefined && agent.ringDeadline === timer.at) {
        withdrawFromAgent(decision, agent, 'timeout');
      }
      return;
    }
    case 'wrap-up': {
      const agent = state.agents.get(timer.id);
      if (agent?.state === 'WrapUp' && agent.wrapUpDeadline === timer.at) releaseAgent(decision, agent);
      return;
    }
    case 'claim': {
      const agent = state.agents.get(timer.id);
      if (agent?.state === 'Reserved' && agent.claim !== undefined && agent.claim.deadline === timer.at) {
        withdrawFromAgent(decision, agent, 'reject');
      }
      return;
    }
    case 'expansion':
      expand(decision, timer.id);
      return;
    case 'preference':
      routeInteraction(decision, timer.id);
      return;
    default: {
      const unknown: never = timer.kind;
      throw new Error(`unknown timer ${String(unknown)}`);
    }
  }
}

/** Applies every bullseye step of the interaction that is due, then routes it with its wider targets. */
function expand(decision: Decision, interactionId: string): void {
  const { state, now } = decision;
  for (;;) {
    const interaction = state.interactions.get(interactionId);
    if (interaction === undefined || interaction.status !== 'waiting') return;
    const queue = state.queues.get(interaction.queueId);
    const step = queue?.config.expansion[interaction.expansionStep];
    if (queue === undefined || step === undefined || interaction.queueEnteredAt + step.afterMs > now) break;
    const action = step.action;
    const stepIndex = interaction.expansionStep;
    decision.emit({
      type: 'TargetsExpanded',
      interactionId,
      step: stepIndex,
      requiredSkills:
        action.kind === 'relax-skill-levels'
          ? relaxRequirements(interaction.requiredSkills, action.minLevel)
          : interaction.requiredSkills,
      branchIds:
        action.kind === 'branches'
          ? [...new Set([...interaction.extraBranches, ...action.branchIds])]
          : interaction.extraBranches,
    });
    if (action.kind !== 'relax-skill-levels' && action.kind !== 'branches') {
      applyOverflow(decision, interactionId, interaction, action, 'expansion');
      if (action.kind !== 'callback') break;
    }
  }
  routeInteraction(decision, interactionId);
}
