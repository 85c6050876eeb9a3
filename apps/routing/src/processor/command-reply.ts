import {
  agentView,
  type EpochMs,
  interactionView,
  parseRoutingDomainId,
  type RoutingCommand,
  type RoutingEngine,
  type RoutingEvent,
} from '@cc/acd';
import { type routingV1 } from '@cc/contracts';
import { toTimestamp } from '../codec/codec-support';
import { WAIT_PREDICTOR } from '../codec/routing-event-codec';
import { agentViewToProto, interactionViewToProto } from '../codec/view-codec';

/** The fields every reply has. */
export function replyBase(
  tenantId: string,
  domainId: string,
  commandId: string,
  at: EpochMs,
): Pick<routingV1.CommandReply, 'tenantId' | 'domainId' | 'commandId' | 'occurredAt'> {
  return { tenantId, domainId, commandId, occurredAt: toTimestamp(at) };
}

export function refusedReply(
  base: ReturnType<typeof replyBase>,
  code: string,
  message: string,
  field = '',
): routingV1.CommandReply {
  return emptyReply({ ...base, accepted: false, errorCode: code, errorMessage: message, errorField: field });
}

export function emptyReply(fields: Partial<routingV1.CommandReply>): routingV1.CommandReply {
  return {
    tenantId: '',
    occurredAt: undefined,
    domainId: '',
    commandId: '',
    accepted: true,
    duplicate: false,
    errorCode: '',
    errorMessage: '',
    errorField: '',
    eventCount: 0,
    agent: undefined,
    interaction: undefined,
    callbackInteractionId: '',
    position: 0,
    estimate: undefined,
    predictor: 0,
    unbounded: false,
    configVersion: 0,
    ...fields,
  };
}

/** What the caller of an accepted routing command learns: the state it led to. */
export function acceptedReply(
  base: ReturnType<typeof replyBase>,
  command: RoutingCommand,
  events: readonly RoutingEvent[],
  duplicate: boolean,
  engine: RoutingEngine,
): routingV1.CommandReply {
  const reply = emptyReply({ ...base, duplicate, eventCount: events.length });
  const now = engine.state.now;
  const branchId = parseRoutingDomainId(base.domainId).branchId;
  switch (command.type) {
    case 'LogInAgent':
    case 'LogOutAgent':
    case 'MakeAgentReady':
    case 'MakeAgentNotReady':
    case 'AcceptOffer':
    case 'RejectOffer':
      reply.agent = agentViewToProto(command.agentId, branchId, agentView(engine.state, command.agentId));
      break;
    case 'QueueInteraction': {
      const view = interactionView(engine.state, command.interaction.interactionId, now);
      reply.interaction = view === undefined ? undefined : interactionViewToProto(view, now);
      break;
    }
    case 'RequestCallback': {
      const requested = events.find((e) => e.type === 'CallbackRequested');
      if (requested?.type === 'CallbackRequested') reply.callbackInteractionId = requested.callbackInteractionId;
      break;
    }
    case 'AnnounceWait': {
      const announced = events.find((e) => e.type === 'WaitAnnounced');
      if (announced?.type === 'WaitAnnounced') {
        reply.position = announced.position;
        reply.estimate = { remainingMs: announced.estimate.remainingMs, waitedMs: announced.estimate.waitedMs };
        reply.predictor = WAIT_PREDICTOR.toProto(announced.predictor);
        reply.unbounded = announced.unbounded;
      } else {
        // A repeated command: tell the same as the standing announcement.
        const view = interactionView(engine.state, command.interactionId, now);
        const told = engine.state.interactions.get(command.interactionId)?.lastAnnounced;
        reply.position = view?.position ?? 0;
        reply.estimate = told ? { remainingMs: told.remainingMs, waitedMs: told.waitedMs } : undefined;
      }
      break;
    }
    default:
      break;
  }
  return reply;
}
