import {
  CallAnsweredEvent,
  CallArrivedEvent,
  CallBridgedEvent,
  CallEndedEvent,
  CallRingingEvent,
  CallTransferredEvent,
  callV1,
  commonV1,
  SipLegAnsweredEvent,
  SipLegEndedEvent,
  SipLegRingingEvent,
  SipLegStartedEvent,
  sipV1,
} from '@cc/contracts';
import { type EventBus, type PublishRequest } from '@cc/event-bus';
import { type CallFact } from './call-messages';
import { type CallFactsPort } from './call-ports';
import { type CallLeg, type CallState, type EndCause, type Party } from './call-state';

export interface CallFactsLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

const END_CAUSES: Record<EndCause, callV1.EndCause> = {
  normal: callV1.EndCause.END_CAUSE_NORMAL,
  abandoned: callV1.EndCause.END_CAUSE_ABANDONED,
  failed: callV1.EndCause.END_CAUSE_FAILED,
  'transferred-out': callV1.EndCause.END_CAUSE_TRANSFERRED_OUT,
  'no-capacity': callV1.EndCause.END_CAUSE_NO_CAPACITY,
  closed: callV1.EndCause.END_CAUSE_CLOSED,
  busy: callV1.EndCause.END_CAUSE_BUSY,
  'no-answer': callV1.EndCause.END_CAUSE_NO_ANSWER,
};

const PARTIES: Record<Party, callV1.Party> = {
  customer: callV1.Party.PARTY_CUSTOMER,
  agent: callV1.Party.PARTY_AGENT,
  system: callV1.Party.PARTY_SYSTEM,
};

/** Publishes what happens to each call on cc.call.lifecycle.v1 (keyed by call id, so a call's events keep order). */
export class CallFactsPublisher implements CallFactsPort {
  constructor(
    private readonly bus: EventBus,
    private readonly logger: CallFactsLogger,
  ) {}

  publish(call: CallState, fact: CallFact, now: number): void {
    const request = this.requestOf(call, fact, new Date(now));
    if (!request) return;
    this.bus
      .publish(request)
      .catch((error: unknown) =>
        this.logger.warn('call event not published', { callId: call.callId, fact: fact.kind, error: String(error) }),
      );
  }

  private requestOf(call: CallState, fact: CallFact, at: Date): PublishRequest | undefined {
    const base = { tenantId: call.tenantId, occurredAt: at, callId: call.callId, branchId: call.branchId };
    switch (fact.kind) {
      case 'arrived':
        return {
          event: CallArrivedEvent,
          tenantId: call.tenantId,
          correlationId: call.callId,
          data: callV1.CallArrived.fromPartial({
            ...base,
            sipCallId: call.sipCallId,
            channel: commonV1.Channel.CHANNEL_VOICE,
            direction:
              call.direction === 'outbound' ? callV1.Direction.DIRECTION_OUTBOUND : callV1.Direction.DIRECTION_INBOUND,
            dialledNumber: call.dialledNumber,
            callerNumber: call.callerNumber,
            callerName: call.callerName,
            trunkId: call.trunkId,
          }),
        };
      case 'answered':
        return {
          event: CallAnsweredEvent,
          tenantId: call.tenantId,
          correlationId: call.callId,
          data: callV1.CallAnswered.fromPartial({
            ...base,
            queueId: call.queueId,
            agentId: fact.agentId,
            offerId: fact.offerId,
            waitMs: fact.waitMs,
            ringMs: fact.ringMs,
          }),
        };
      case 'transferred':
        return {
          event: CallTransferredEvent,
          tenantId: call.tenantId,
          correlationId: call.callId,
          data: callV1.CallTransferred.fromPartial({
            ...base,
            fromAgentId: fact.fromAgentId,
            transferType: callV1.TransferType.TRANSFER_TYPE_BLIND,
            target:
              fact.target.kind === 'queue'
                ? callV1.TransferTarget.TRANSFER_TARGET_QUEUE
                : callV1.TransferTarget.TRANSFER_TARGET_EXTERNAL,
            targetQueueId: fact.target.kind === 'queue' ? fact.target.queueId : '',
            targetNumber: fact.target.kind === 'number' ? fact.target.number : '',
            talkMs: fact.talkMs,
          }),
        };
      case 'ringing':
        return {
          event: CallRingingEvent,
          tenantId: call.tenantId,
          correlationId: call.callId,
          data: callV1.CallRinging.fromPartial({ ...base, sipCallId: call.sipCallId }),
        };
      case 'bridged':
        return {
          event: CallBridgedEvent,
          tenantId: call.tenantId,
          correlationId: call.callId,
          data: callV1.CallBridged.fromPartial({
            ...base,
            callerSipCallId: call.sipCallId,
            legId: fact.leg.legId,
            agentId: fact.leg.target.kind === 'agent' ? fact.leg.target.agentId : '',
          }),
        };
      case 'leg-started':
        return {
          event: SipLegStartedEvent,
          tenantId: call.tenantId,
          correlationId: call.callId,
          data: sipV1.LegStarted.fromPartial({
            tenantId: call.tenantId,
            occurredAt: at,
            callId: call.callId,
            legId: fact.leg.legId,
            sipCallId: legSipCallId(fact.leg),
            kind: LEG_KINDS[fact.leg.target.kind],
            agentId: fact.leg.target.kind === 'agent' ? fact.leg.target.agentId : '',
            offerId: fact.leg.target.kind === 'agent' ? fact.leg.target.offerId : '',
            requestUri: fact.leg.target.kind === 'trunk' ? fact.leg.target.trunkUri : '',
            callerNumber: call.callerNumber,
          }),
        };
      case 'leg-ringing':
        return {
          event: SipLegRingingEvent,
          tenantId: call.tenantId,
          correlationId: call.callId,
          data: sipV1.LegRinging.fromPartial({
            tenantId: call.tenantId,
            occurredAt: at,
            callId: call.callId,
            legId: fact.leg.legId,
            setupMs: (fact.leg.ringingAt ?? at.getTime()) - fact.leg.startedAt,
          }),
        };
      case 'leg-answered':
        return {
          event: SipLegAnsweredEvent,
          tenantId: call.tenantId,
          correlationId: call.callId,
          data: sipV1.LegAnswered.fromPartial({
            tenantId: call.tenantId,
            occurredAt: at,
            callId: call.callId,
            legId: fact.leg.legId,
            ringMs: (fact.leg.answeredAt ?? at.getTime()) - (fact.leg.ringingAt ?? fact.leg.startedAt),
          }),
        };
      case 'leg-ended':
        return {
          event: SipLegEndedEvent,
          tenantId: call.tenantId,
          correlationId: call.callId,
          data: sipV1.LegEnded.fromPartial({
            tenantId: call.tenantId,
            occurredAt: at,
            callId: call.callId,
            legId: fact.leg.legId,
            sipStatus: fact.status,
            reason: fact.reason,
            endedBy:
              fact.by === 'remote' ? sipV1.LegEndedBy.LEG_ENDED_BY_REMOTE : sipV1.LegEndedBy.LEG_ENDED_BY_PLATFORM,
          }),
        };
      case 'ended': {
        return {
          event: CallEndedEvent,
          tenantId: call.tenantId,
          correlationId: call.callId,
          data: callV1.CallEnded.fromPartial({
            ...base,
            cause: END_CAUSES[fact.end.cause],
            hungUpBy: PARTIES[fact.end.hungUpBy],
            talkMs: call.talkMs,
            durationMs: fact.end.at - call.arrivedAt,
            agentId: call.answeredAgentId,
            queueId: call.queueId,
            sipStatusCode: fact.end.sipStatus,
          }),
        };
      }
      default: {
        const never: never = fact;
        return never;
      }
    }
  }
}

const LEG_KINDS: Record<CallLeg['target']['kind'], sipV1.LegKind> = {
  agent: sipV1.LegKind.LEG_KIND_AGENT,
  trunk: sipV1.LegKind.LEG_KIND_PARTNER_TRUNK,
  number: sipV1.LegKind.LEG_KIND_OUTSIDE_NUMBER,
};

/** The SIP Call-ID of a leg's dialog: its leg id, unique because it holds the call's UUID. */
export function legSipCallId(leg: CallLeg): string {
  return leg.legId;
}
