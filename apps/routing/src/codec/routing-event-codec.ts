/**
 * RoutingEvent (libs/acd) <-> the events of cc.routing.log.v1 (proto/callcenter/routing/v1/events.proto).
 * The engine's `at` is occurred_at and its `commandId` is causation_id; domain_id and tenant_id are not in the
 * engine event (the domain is implied).
 */
import {
  type AgentState,
  type AnnouncedWait,
  type OverflowReason,
  type RoutingEvent,
  type RoutingEventType,
  WAIT_PREDICTOR_NAMES,
  type WaitPredictorName,
} from '@cc/acd';
import { agentV1, type EventType, routingV1 } from '@cc/contracts';
import {
  asMessage,
  bool,
  defined,
  EnumMapping,
  messages,
  num,
  optionalStr,
  optionalTime,
  optionalToTimestamp,
  ProtoDecodeError,
  requiredMessage,
  requiredStr,
  requiredTime,
  strings,
  toTimestamp,
  unreachable,
} from './codec-support';
import {
  configEventFromOneof,
  configEventToOneof,
  overflowActionFromProto,
  overflowActionToProto,
  skillRequirementsFromProto,
  skillRequirementToProto,
} from './config-event-codec';
import {
  interactionFromProto,
  interactionToProto,
  overflowOfferFromProto,
  overflowOfferToProto,
  REMOTE_OFFER_OUTCOME,
} from './routing-command-codec';

export const AGENT_STATE = new EnumMapping<AgentState, agentV1.AgentState>('AgentState', {
  LoggedOut: agentV1.AgentState.AGENT_STATE_LOGGED_OUT,
  Available: agentV1.AgentState.AGENT_STATE_AVAILABLE,
  Reserved: agentV1.AgentState.AGENT_STATE_RESERVED,
  Busy: agentV1.AgentState.AGENT_STATE_BUSY,
  WrapUp: agentV1.AgentState.AGENT_STATE_WRAP_UP,
  NotReady: agentV1.AgentState.AGENT_STATE_NOT_READY,
});

export const WAIT_PREDICTOR = new EnumMapping<WaitPredictorName, routingV1.WaitPredictor>('WaitPredictor', {
  'queue-length': routingV1.WaitPredictor.WAIT_PREDICTOR_QUEUE_LENGTH,
  'head-of-line': routingV1.WaitPredictor.WAIT_PREDICTOR_HEAD_OF_LINE,
  'last-to-enter-service': routingV1.WaitPredictor.WAIT_PREDICTOR_LAST_TO_ENTER_SERVICE,
});

export const OVERFLOW_REASON = new EnumMapping<OverflowReason, routingV1.OverflowReason>('OverflowReason', {
  expansion: routingV1.OverflowReason.OVERFLOW_REASON_EXPANSION,
  'no-agent-logged-in': routingV1.OverflowReason.OVERFLOW_REASON_NO_AGENT_LOGGED_IN,
  'estimated-wait': routingV1.OverflowReason.OVERFLOW_REASON_ESTIMATED_WAIT,
});

/** The registered CloudEvents type of each event (topic cc.routing.log.v1). */
export const ROUTING_EVENT_TYPES: { readonly [K in RoutingEventType]: EventType } = {
  ConfigApplied: 'cc.routing.v1.ConfigApplied',
  AgentLoggedIn: 'cc.routing.v1.AgentLoggedIn',
  AgentLoggedOut: 'cc.routing.v1.AgentLoggedOut',
  AgentStateChanged: 'cc.routing.v1.AgentStateChanged',
  AgentNotReadyPending: 'cc.routing.v1.AgentNotReadyPending',
  InteractionQueued: 'cc.routing.v1.InteractionQueued',
  InteractionOffered: 'cc.routing.v1.InteractionOffered',
  OfferAccepted: 'cc.routing.v1.OfferAccepted',
  OfferRejected: 'cc.routing.v1.OfferRejected',
  OfferTimedOut: 'cc.routing.v1.OfferTimedOut',
  InteractionAbandoned: 'cc.routing.v1.InteractionAbandoned',
  InteractionCompleted: 'cc.routing.v1.InteractionCompleted',
  TargetsExpanded: 'cc.routing.v1.TargetsExpanded',
  InteractionOverflowed: 'cc.routing.v1.InteractionOverflowed',
  CallbackOffered: 'cc.routing.v1.CallbackOffered',
  CallbackRequested: 'cc.routing.v1.CallbackRequested',
  WaitAnnounced: 'cc.routing.v1.WaitAnnounced',
  OverflowOfferSent: 'cc.routing.v1.OverflowOfferSent',
  OverflowOfferWithdrawn: 'cc.routing.v1.OverflowOfferWithdrawn',
  RemoteOfferReceived: 'cc.routing.v1.RemoteOfferReceived',
  RemoteOfferDropped: 'cc.routing.v1.RemoteOfferDropped',
  AgentClaimed: 'cc.routing.v1.AgentClaimed',
  ClaimDecided: 'cc.routing.v1.ClaimDecided',
  RemoteOfferRinging: 'cc.routing.v1.RemoteOfferRinging',
  ClaimReleased: 'cc.routing.v1.ClaimReleased',
  RemoteOfferAnswered: 'cc.routing.v1.RemoteOfferAnswered',
  RemoteCompletionSent: 'cc.routing.v1.RemoteCompletionSent',
};

function estimateToProto(estimate: AnnouncedWait): routingV1.AnnouncedWait {
  return { remainingMs: estimate.remainingMs, waitedMs: estimate.waitedMs };
}

function estimateFromProto(parent: Record<string, unknown>, field: string): AnnouncedWait {
  const m = requiredMessage(parent, 'estimate', field);
  return {
    remainingMs: num(m, 'remainingMs', `${field}.remaining_ms`),
    waitedMs: num(m, 'waitedMs', `${field}.waited_ms`),
  };
}

/**
 * One entry per predictor, in WAIT_PREDICTOR_NAMES order. The engine's predictions are fractional ms but
 * remaining_ms is int64: rounded to the nearest ms (the only lossy mapping of this codec).
 */
function predictionsToProto(predictions: Record<WaitPredictorName, number>): routingV1.WaitPrediction[] {
  return WAIT_PREDICTOR_NAMES.map((name) => ({
    predictor: WAIT_PREDICTOR.toProto(name),
    remainingMs: Math.round(predictions[name]),
  }));
}

function predictionsFromProto(parent: Record<string, unknown>, field: string): Record<WaitPredictorName, number> {
  const found: Partial<Record<WaitPredictorName, number>> = {};
  messages(parent, 'predictions', field).forEach((entry, index) => {
    const name = WAIT_PREDICTOR.fromProto(entry, 'predictor', `${field}[${index}].predictor`);
    if (found[name] !== undefined) throw new ProtoDecodeError(`${field}[${index}].predictor`, `${name} appears twice`);
    found[name] = num(entry, 'remainingMs', `${field}[${index}].remaining_ms`);
  });
  const missing = WAIT_PREDICTOR_NAMES.filter((name) => found[name] === undefined);
  if (missing.length > 0) throw new ProtoDecodeError(field, `no prediction of ${missing.join(', ')}`);
  return found as Record<WaitPredictorName, number>;
}

/** A routing event as published on cc.routing.log.v1: its registered type and payload message. */
export function toProtoEvent(
  domainId: string,
  tenantId: string,
  event: RoutingEvent,
): { type: EventType; message: unknown } {
  const base = { tenantId, occurredAt: toTimestamp(event.at), domainId, causationId: event.commandId };
  const type = ROUTING_EVENT_TYPES[event.type];
  const message = ((): unknown => {
    switch (event.type) {
      case 'ConfigApplied':
        return { ...base, event: configEventToOneof(event.event) } satisfies routingV1.ConfigApplied;
      case 'AgentLoggedIn':
        return { ...base, agentId: event.agentId, extension: event.extension ?? '' } satisfies routingV1.AgentLoggedIn;
      case 'AgentLoggedOut':
        return { ...base, agentId: event.agentId } satisfies routingV1.AgentLoggedOut;
      case 'AgentStateChanged':
        return {
          ...base,
          agentId: event.agentId,
          previousState: AGENT_STATE.toProto(event.from),
          state: AGENT_STATE.toProto(event.to),
          reasonCode: event.reasonCode ?? '',
          previousStateMs: event.previousStateMs,
          until: optionalToTimestamp(event.until),
        } satisfies routingV1.AgentStateChanged;
      case 'AgentNotReadyPending':
        return {
          ...base,
          agentId: event.agentId,
          reasonCode: event.reasonCode,
        } satisfies routingV1.AgentNotReadyPending;
      case 'InteractionQueued':
        return {
          ...base,
          interaction: interactionToProto(event.interaction),
          enqueuedAt: toTimestamp(event.enqueuedAt),
          position: event.position,
          estimate: estimateToProto(event.estimate),
          predictor: WAIT_PREDICTOR.toProto(event.predictor),
          unbounded: event.unbounded,
          predictions: predictionsToProto(event.predictions),
          preferredAgentId: event.preferredAgentId ?? '',
          preferredUntil: optionalToTimestamp(event.preferredUntil),
        } satisfies routingV1.InteractionQueued;
      case 'InteractionOffered':
        return {
          ...base,
          interactionId: event.interactionId,
          queueId: event.queueId,
          agentId: event.agentId,
          agentDomainId: event.agentDomainId,
          offerId: event.offerId,
          ringDeadline: optionalToTimestamp(event.ringDeadline),
          waitedMs: event.waitedMs,
        } satisfies routingV1.InteractionOffered;
      case 'OfferAccepted':
        return {
          ...base,
          interactionId: event.interactionId,
          queueId: event.queueId,
          agentId: event.agentId,
          offerId: event.offerId,
          waitMs: event.waitMs,
        } satisfies routingV1.OfferAccepted;
      case 'OfferRejected':
        return {
          ...base,
          interactionId: event.interactionId,
          agentId: event.agentId,
          offerId: event.offerId,
        } satisfies routingV1.OfferRejected;
      case 'OfferTimedOut':
        return {
          ...base,
          interactionId: event.interactionId,
          agentId: event.agentId,
          offerId: event.offerId,
        } satisfies routingV1.OfferTimedOut;
      case 'InteractionAbandoned':
        return {
          ...base,
          interactionId: event.interactionId,
          queueId: event.queueId,
          waitMs: event.waitMs,
          position: event.position,
          shortAbandon: event.shortAbandon,
        } satisfies routingV1.InteractionAbandoned;
      case 'InteractionCompleted':
        return {
          ...base,
          interactionId: event.interactionId,
          queueId: event.queueId,
          agentId: event.agentId,
          handleMs: event.handleMs,
        } satisfies routingV1.InteractionCompleted;
      case 'TargetsExpanded':
        return {
          ...base,
          interactionId: event.interactionId,
          step: event.step,
          requiredSkills: event.requiredSkills.map(skillRequirementToProto),
          branchIds: [...event.branchIds],
        } satisfies routingV1.TargetsExpanded;
      case 'InteractionOverflowed':
        return {
          ...base,
          interactionId: event.interactionId,
          fromQueueId: event.fromQueueId,
          action: overflowActionToProto(event.action),
          reason: OVERFLOW_REASON.toProto(event.reason),
          trunkUri: event.trunkUri ?? '',
        } satisfies routingV1.InteractionOverflowed;
      case 'CallbackOffered':
        return { ...base, interactionId: event.interactionId } satisfies routingV1.CallbackOffered;
      case 'CallbackRequested':
        return {
          ...base,
          interactionId: event.interactionId,
          callbackInteractionId: event.callbackInteractionId,
          callbackAddress: event.callbackAddress,
          queueId: event.queueId,
        } satisfies routingV1.CallbackRequested;
      case 'WaitAnnounced':
        return {
          ...base,
          interactionId: event.interactionId,
          position: event.position,
          estimate: estimateToProto(event.estimate),
          predictor: WAIT_PREDICTOR.toProto(event.predictor),
          unbounded: event.unbounded,
        } satisfies routingV1.WaitAnnounced;
      case 'OverflowOfferSent':
        return {
          ...base,
          toDomainId: event.toDomainId,
          offer: overflowOfferToProto(event.offer),
        } satisfies routingV1.OverflowOfferSent;
      case 'OverflowOfferWithdrawn':
        return {
          ...base,
          toDomainId: event.toDomainId,
          interactionId: event.interactionId,
        } satisfies routingV1.OverflowOfferWithdrawn;
      case 'RemoteOfferReceived':
        return { ...base, offer: overflowOfferToProto(event.offer) } satisfies routingV1.RemoteOfferReceived;
      case 'RemoteOfferDropped':
        return {
          ...base,
          interactionId: event.interactionId,
          homeDomainId: event.homeDomainId,
        } satisfies routingV1.RemoteOfferDropped;
      case 'AgentClaimed':
        return {
          ...base,
          toDomainId: event.toDomainId,
          claimId: event.claimId,
          interactionId: event.interactionId,
          agentId: event.agentId,
          claimDeadline: toTimestamp(event.claimDeadline),
        } satisfies routingV1.AgentClaimed;
      case 'ClaimDecided':
        return {
          ...base,
          toDomainId: event.toDomainId,
          claimId: event.claimId,
          interactionId: event.interactionId,
          agentId: event.agentId,
          granted: event.granted,
          ringTimeoutMs: event.ringTimeoutMs,
        } satisfies routingV1.ClaimDecided;
      case 'RemoteOfferRinging':
        return {
          ...base,
          claimId: event.claimId,
          interactionId: event.interactionId,
          agentId: event.agentId,
          ringDeadline: toTimestamp(event.ringDeadline),
        } satisfies routingV1.RemoteOfferRinging;
      case 'ClaimReleased':
        return {
          ...base,
          claimId: event.claimId,
          interactionId: event.interactionId,
          agentId: event.agentId,
        } satisfies routingV1.ClaimReleased;
      case 'RemoteOfferAnswered':
        return {
          ...base,
          toDomainId: event.toDomainId,
          interactionId: event.interactionId,
          agentId: event.agentId,
          outcome: REMOTE_OFFER_OUTCOME.toProto(event.outcome),
        } satisfies routingV1.RemoteOfferAnswered;
      case 'RemoteCompletionSent':
        return {
          ...base,
          toDomainId: event.toDomainId,
          interactionId: event.interactionId,
          agentId: event.agentId,
          wrapUpMs: event.wrapUpMs,
        } satisfies routingV1.RemoteCompletionSent;
      default:
        return unreachable(event, 'routing event');
    }
  })();
  return { type, message };
}

/** Inverse of toProtoEvent. Throws on a type that is not a routing log event or a malformed message. */
export function fromProtoEvent(type: string, message: unknown): RoutingEvent {
  const eventType = (Object.keys(ROUTING_EVENT_TYPES) as RoutingEventType[]).find(
    (key) => ROUTING_EVENT_TYPES[key] === type,
  );
  if (eventType === undefined) throw new Error(`not a routing log event type: "${type}"`);
  const f = eventType;
  const m = asMessage(message, f);
  requiredStr(m, 'tenantId', `${f}.tenant_id`);
  requiredStr(m, 'domainId', `${f}.domain_id`);
  const base = {
    at: requiredTime(m, 'occurredAt', `${f}.occurred_at`),
    commandId: requiredStr(m, 'causationId', `${f}.causation_id`),
  };
  const s = (key: string, field: string): string => requiredStr(m, key, `${f}.${field}`);
  const n = (key: string, field: string): number => num(m, key, `${f}.${field}`);
  const t = (key: string, field: string): number => requiredTime(m, key, `${f}.${field}`);
  switch (eventType) {
    case 'ConfigApplied':
      return {
        ...base,
        type: eventType,
        event: configEventFromOneof(requiredMessage(m, 'event', `${f}.event`), `${f}.event`),
      };
    case 'AgentLoggedIn':
      return defined<RoutingEvent>({
        ...base,
        type: eventType,
        agentId: s('agentId', 'agent_id'),
        extension: optionalStr(m, 'extension', `${f}.extension`),
      });
    case 'AgentLoggedOut':
      return { ...base, type: eventType, agentId: s('agentId', 'agent_id') };
    case 'AgentStateChanged':
      return defined<RoutingEvent>({
        ...base,
        type: eventType,
        agentId: s('agentId', 'agent_id'),
        from: AGENT_STATE.fromProto(m, 'previousState', `${f}.previous_state`),
        to: AGENT_STATE.fromProto(m, 'state', `${f}.state`),
        reasonCode: optionalStr(m, 'reasonCode', `${f}.reason_code`),
        previousStateMs: n('previousStateMs', 'previous_state_ms'),
        until: optionalTime(m, 'until', `${f}.until`),
      });
    case 'AgentNotReadyPending':
      return {
        ...base,
        type: eventType,
        agentId: s('agentId', 'agent_id'),
        reasonCode: s('reasonCode', 'reason_code'),
      };
    case 'InteractionQueued':
      return defined<RoutingEvent>({
        ...base,
        type: eventType,
        interaction: interactionFromProto(requiredMessage(m, 'interaction', `${f}.interaction`), `${f}.interaction`),
        enqueuedAt: t('enqueuedAt', 'enqueued_at'),
        position: n('position', 'position'),
        estimate: estimateFromProto(m, `${f}.estimate`),
        predictor: WAIT_PREDICTOR.fromProto(m, 'predictor', `${f}.predictor`),
        unbounded: bool(m, 'unbounded', `${f}.unbounded`),
        predictions: predictionsFromProto(m, `${f}.predictions`),
        preferredAgentId: optionalStr(m, 'preferredAgentId', `${f}.preferred_agent_id`),
        preferredUntil: optionalTime(m, 'preferredUntil', `${f}.preferred_until`),
      });
    case 'InteractionOffered':
      return defined<RoutingEvent>({
        ...base,
        type: eventType,
        interactionId: s('interactionId', 'interaction_id'),
        queueId: s('queueId', 'queue_id'),
        agentId: s('agentId', 'agent_id'),
        agentDomainId: s('agentDomainId', 'agent_domain_id'),
        offerId: s('offerId', 'offer_id'),
        ringDeadline: optionalTime(m, 'ringDeadline', `${f}.ring_deadline`),
        waitedMs: n('waitedMs', 'waited_ms'),
      });
    case 'OfferAccepted':
      return {
        ...base,
        type: eventType,
        interactionId: s('interactionId', 'interaction_id'),
        queueId: s('queueId', 'queue_id'),
        agentId: s('agentId', 'agent_id'),
        offerId: s('offerId', 'offer_id'),
        waitMs: n('waitMs', 'wait_ms'),
      };
    case 'OfferRejected':
    case 'OfferTimedOut':
      return {
        ...base,
        type: eventType,
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
        offerId: s('offerId', 'offer_id'),
      };
    case 'InteractionAbandoned':
      return {
        ...base,
        type: eventType,
        interactionId: s('interactionId', 'interaction_id'),
        queueId: s('queueId', 'queue_id'),
        waitMs: n('waitMs', 'wait_ms'),
        position: n('position', 'position'),
        shortAbandon: bool(m, 'shortAbandon', `${f}.short_abandon`),
      };
    case 'InteractionCompleted':
      return {
        ...base,
        type: eventType,
        interactionId: s('interactionId', 'interaction_id'),
        queueId: s('queueId', 'queue_id'),
        agentId: s('agentId', 'agent_id'),
        handleMs: n('handleMs', 'handle_ms'),
      };
    case 'TargetsExpanded':
      return {
        ...base,
        type: eventType,
        interactionId: s('interactionId', 'interaction_id'),
        step: n('step', 'step'),
        requiredSkills: skillRequirementsFromProto(m, 'requiredSkills', `${f}.required_skills`),
        branchIds: strings(m, 'branchIds', `${f}.branch_ids`),
      };
    case 'InteractionOverflowed':
      return defined<RoutingEvent>({
        ...base,
        type: eventType,
        interactionId: s('interactionId', 'interaction_id'),
        fromQueueId: s('fromQueueId', 'from_queue_id'),
        action: overflowActionFromProto(requiredMessage(m, 'action', `${f}.action`), `${f}.action`),
        reason: OVERFLOW_REASON.fromProto(m, 'reason', `${f}.reason`),
        trunkUri: optionalStr(m, 'trunkUri', `${f}.trunk_uri`),
      });
    case 'CallbackOffered':
      return { ...base, type: eventType, interactionId: s('interactionId', 'interaction_id') };
    case 'CallbackRequested':
      return {
        ...base,
        type: eventType,
        interactionId: s('interactionId', 'interaction_id'),
        callbackInteractionId: s('callbackInteractionId', 'callback_interaction_id'),
        callbackAddress: s('callbackAddress', 'callback_address'),
        queueId: s('queueId', 'queue_id'),
      };
    case 'WaitAnnounced':
      return {
        ...base,
        type: eventType,
        interactionId: s('interactionId', 'interaction_id'),
        position: n('position', 'position'),
        estimate: estimateFromProto(m, `${f}.estimate`),
        predictor: WAIT_PREDICTOR.fromProto(m, 'predictor', `${f}.predictor`),
        unbounded: bool(m, 'unbounded', `${f}.unbounded`),
      };
    case 'OverflowOfferSent':
      return {
        ...base,
        type: eventType,
        toDomainId: s('toDomainId', 'to_domain_id'),
        offer: overflowOfferFromProto(requiredMessage(m, 'offer', `${f}.offer`), `${f}.offer`),
      };
    case 'OverflowOfferWithdrawn':
      return {
        ...base,
        type: eventType,
        toDomainId: s('toDomainId', 'to_domain_id'),
        interactionId: s('interactionId', 'interaction_id'),
      };
    case 'RemoteOfferReceived':
      return {
        ...base,
        type: eventType,
        offer: overflowOfferFromProto(requiredMessage(m, 'offer', `${f}.offer`), `${f}.offer`),
      };
    case 'RemoteOfferDropped':
      return {
        ...base,
        type: eventType,
        interactionId: s('interactionId', 'interaction_id'),
        homeDomainId: s('homeDomainId', 'home_domain_id'),
      };
    case 'AgentClaimed':
      return {
        ...base,
        type: eventType,
        toDomainId: s('toDomainId', 'to_domain_id'),
        claimId: s('claimId', 'claim_id'),
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
        claimDeadline: t('claimDeadline', 'claim_deadline'),
      };
    case 'ClaimDecided':
      return {
        ...base,
        type: eventType,
        toDomainId: s('toDomainId', 'to_domain_id'),
        claimId: s('claimId', 'claim_id'),
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
        granted: bool(m, 'granted', `${f}.granted`),
        ringTimeoutMs: n('ringTimeoutMs', 'ring_timeout_ms'),
      };
    case 'RemoteOfferRinging':
      return {
        ...base,
        type: eventType,
        claimId: s('claimId', 'claim_id'),
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
        ringDeadline: t('ringDeadline', 'ring_deadline'),
      };
    case 'ClaimReleased':
      return {
        ...base,
        type: eventType,
        claimId: s('claimId', 'claim_id'),
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
      };
    case 'RemoteOfferAnswered':
      return {
        ...base,
        type: eventType,
        toDomainId: s('toDomainId', 'to_domain_id'),
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
        outcome: REMOTE_OFFER_OUTCOME.fromProto(m, 'outcome', `${f}.outcome`),
      };
    case 'RemoteCompletionSent':
      return {
        ...base,
        type: eventType,
        toDomainId: s('toDomainId', 'to_domain_id'),
        interactionId: s('interactionId', 'interaction_id'),
        agentId: s('agentId', 'agent_id'),
        wrapUpMs: n('wrapUpMs', 'wrap_up_ms'),
      };
    default:
      return unreachable(eventType, 'routing event type');
  }
}
