/**
 * The engine's read views (libs/acd queries) -> the views of the routing API (routing_service.proto), shared by the
 * command replies and the gRPC and REST queries.
 */
import {
  type AgentView,
  type EpochMs,
  type InteractionView,
  isUnboundedWait,
  type QueueStatus,
  WAIT_PREDICTOR_NAMES,
} from '@cc/acd';
import { agentV1, routingV1 } from '@cc/contracts';
import { EnumMapping, optionalToTimestamp, toTimestamp } from './codec-support';
import { INTERACTION_KIND } from './routing-command-codec';
import { AGENT_STATE, WAIT_PREDICTOR } from './routing-event-codec';

export const INTERACTION_STATUS = new EnumMapping<InteractionView['status'], routingV1.InteractionStatus>(
  'InteractionStatus',
  {
    waiting: routingV1.InteractionStatus.INTERACTION_STATUS_WAITING,
    offered: routingV1.InteractionStatus.INTERACTION_STATUS_OFFERED,
    connected: routingV1.InteractionStatus.INTERACTION_STATUS_CONNECTED,
  },
);

/** An agent's view; `view` undefined = the agent never logged in to the domain (LOGGED_OUT). */
export function agentViewToProto(agentId: string, branchId: string, view: AgentView | undefined): routingV1.AgentView {
  if (view === undefined || view.state === 'LoggedOut') {
    return {
      agentId,
      branchId,
      state: agentV1.AgentState.AGENT_STATE_LOGGED_OUT,
      since: undefined,
      reasonCode: '',
      pendingNotReadyReason: '',
      interactionId: '',
    };
  }
  return {
    agentId,
    branchId,
    state: AGENT_STATE.toProto(view.state),
    since: optionalToTimestamp(view.since),
    reasonCode: view.reasonCode ?? '',
    pendingNotReadyReason: view.pendingNotReady ?? '',
    interactionId: view.interactionId ?? '',
  };
}

export function interactionViewToProto(view: InteractionView, asOf: EpochMs): routingV1.InteractionView {
  const waiting = view.status === 'waiting';
  return {
    interactionId: view.interactionId,
    queueId: view.queueId,
    kind: INTERACTION_KIND.toProto(view.kind),
    status: INTERACTION_STATUS.toProto(view.status),
    enqueuedAt: toTimestamp(view.enqueuedAt),
    waitedMs: view.waitedMs,
    position: view.position,
    estimatedWaitMs: view.estimatedWaitMs,
    unbounded: waiting && isUnboundedWait(view.estimatedWaitMs),
    agentId: view.agentId ?? '',
    extraBranchIds: [...view.extraBranches],
    asOf: toTimestamp(asOf),
  };
}

export function queueStatusToProto(status: QueueStatus, asOf: EpochMs): routingV1.QueueStatus {
  return {
    queueId: status.queueId,
    branchId: status.branchId,
    name: status.name,
    waiting: status.waiting,
    longestWaitMs: status.longestWaitMs,
    estimatedWaitMs: status.estimatedWaitMs,
    unbounded: isUnboundedWait(status.estimatedWaitMs),
    predictor: WAIT_PREDICTOR.toProto(status.predictor),
    predictorAccuracy: WAIT_PREDICTOR_NAMES.map((name) => ({
      predictor: WAIT_PREDICTOR.toProto(name),
      samples: status.predictorAccuracy[name].samples,
      rase: status.predictorAccuracy[name].rase ?? undefined,
    })),
    agents: {
      available: status.agents.Available,
      reserved: status.agents.Reserved,
      busy: status.agents.Busy,
      wrapUp: status.agents.WrapUp,
      notReady: status.agents.NotReady,
    },
    asOf: toTimestamp(asOf),
  };
}
