/**
 * The routing API's views (routing_service.proto messages, as RoutingGateway returns them) -> the REST facade's
 * JSON: camelCase keys, the engine's names for enums ("Available", "waiting", "queue-length"), ISO 8601 times and
 * null for "none".
 */
import { type AgentState, type InteractionView, type WaitPredictorName } from '@cc/acd';
import { type routingV1 } from '@cc/contracts';
import { type CommandAnswer } from '../api/routing-gateway';
import { INTERACTION_KIND } from '../codec/routing-command-codec';
import { AGENT_STATE, WAIT_PREDICTOR } from '../codec/routing-event-codec';
import { INTERACTION_STATUS } from '../codec/view-codec';

type Msg = Record<string, unknown>;

export interface AgentStatusJson {
  agentId: string;
  branchId: string;
  state: AgentState;
  /** When the current state began; null when logged out. */
  since: string | null;
  /** NotReady: the reason code. */
  reasonCode: string | null;
  /** Not-ready reason that applies when the current interaction's wrap-up ends. */
  pendingNotReadyReason: string | null;
  /** Interaction the agent is reserved for, talking on or wrapping up. */
  interactionId: string | null;
}

export interface QueueStatusJson {
  queueId: string;
  branchId: string;
  name: string;
  waiting: number;
  longestWaitMs: number;
  /** Meaningless when unbounded. */
  estimatedWaitMs: number;
  /** No agent serves the queue now: there is no estimate. */
  unbounded: boolean;
  predictor: WaitPredictorName;
  predictorAccuracy: { predictor: WaitPredictorName; samples: number; rase: number | null }[];
  agents: { available: number; reserved: number; busy: number; wrapUp: number; notReady: number };
  asOf: string | null;
}

export interface InteractionJson {
  interactionId: string;
  queueId: string;
  kind: InteractionView['kind'];
  status: InteractionView['status'];
  enqueuedAt: string | null;
  waitedMs: number;
  /** 1 = next; 0 once offered or connected. */
  position: number;
  estimatedWaitMs: number;
  unbounded: boolean;
  /** Agent it is offered to or connected with. */
  agentId: string | null;
  extraBranchIds: string[];
  asOf: string | null;
}

export interface AnnouncementJson {
  commandId: string;
  position: number;
  estimate: { remainingMs: number; waitedMs: number } | null;
  predictor: WaitPredictorName | null;
  unbounded: boolean;
}

export function agentStatusJson(view: routingV1.AgentView): AgentStatusJson {
  return {
    agentId: view.agentId,
    branchId: view.branchId,
    state: AGENT_STATE.fromProto(view as unknown as Msg, 'state', 'agent.state', 'LoggedOut'),
    since: isoOf(view.since),
    reasonCode: view.reasonCode || null,
    pendingNotReadyReason: view.pendingNotReadyReason || null,
    interactionId: view.interactionId || null,
  };
}

export function queueStatusJson(status: routingV1.QueueStatus): QueueStatusJson {
  return {
    queueId: status.queueId,
    branchId: status.branchId,
    name: status.name,
    waiting: status.waiting,
    longestWaitMs: status.longestWaitMs,
    estimatedWaitMs: status.estimatedWaitMs,
    unbounded: status.unbounded,
    predictor: WAIT_PREDICTOR.fromProto(status as unknown as Msg, 'predictor', 'queue.predictor'),
    predictorAccuracy: status.predictorAccuracy.map((accuracy) => ({
      predictor: WAIT_PREDICTOR.fromProto(
        accuracy as unknown as Msg,
        'predictor',
        'queue.predictor_accuracy.predictor',
      ),
      samples: accuracy.samples,
      rase: accuracy.rase ?? null,
    })),
    agents: {
      available: status.agents?.available ?? 0,
      reserved: status.agents?.reserved ?? 0,
      busy: status.agents?.busy ?? 0,
      wrapUp: status.agents?.wrapUp ?? 0,
      notReady: status.agents?.notReady ?? 0,
    },
    asOf: isoOf(status.asOf),
  };
}

export function interactionJson(view: routingV1.InteractionView): InteractionJson {
  return {
    interactionId: view.interactionId,
    queueId: view.queueId,
    kind: INTERACTION_KIND.fromProto(view as unknown as Msg, 'kind', 'interaction.kind', 'inbound'),
    status: INTERACTION_STATUS.fromProto(view as unknown as Msg, 'status', 'interaction.status'),
    enqueuedAt: isoOf(view.enqueuedAt),
    waitedMs: view.waitedMs,
    position: view.position,
    estimatedWaitMs: view.estimatedWaitMs,
    unbounded: view.unbounded,
    agentId: view.agentId || null,
    extraBranchIds: [...view.extraBranchIds],
    asOf: isoOf(view.asOf),
  };
}

// Command answers -------------------------------------------------------------------------------------------------

/** Agent commands: the agent's state afterwards. */
export function agentCommandJson(answer: CommandAnswer): { commandId: string; agent: AgentStatusJson | null } {
  return { commandId: answer.commandId, agent: answer.reply.agent ? agentStatusJson(answer.reply.agent) : null };
}

/** QueueInteraction: where the interaction stands; null when it left routing at once (immediate overflow). */
export function queuedInteractionJson(answer: CommandAnswer): {
  commandId: string;
  interaction: InteractionJson | null;
} {
  return {
    commandId: answer.commandId,
    interaction: answer.reply.interaction ? interactionJson(answer.reply.interaction) : null,
  };
}

export function callbackJson(answer: CommandAnswer): { commandId: string; callbackInteractionId: string } {
  return { commandId: answer.commandId, callbackInteractionId: answer.reply.callbackInteractionId };
}

export function announcementJson(answer: CommandAnswer): AnnouncementJson {
  const { reply } = answer;
  return {
    commandId: answer.commandId,
    position: reply.position,
    estimate: reply.estimate ? { remainingMs: reply.estimate.remainingMs, waitedMs: reply.estimate.waitedMs } : null,
    predictor: WAIT_PREDICTOR.optionalFromProto(reply as unknown as Msg, 'predictor', 'predictor') ?? null,
    unbounded: reply.unbounded,
  };
}

function isoOf(time: Date | undefined): string | null {
  return time === undefined || Number.isNaN(time.getTime()) ? null : time.toISOString();
}
