import { callV1, commonV1 } from '@cc/contracts';
import { type CallLifecycleEvent, type CallRecord } from './call-record';

/** `END_CAUSE_NORMAL` -> `normal`: enum names as the readable values BI queries filter on. */
function enumValue(name: string, prefix: string): string | null {
  if (name.endsWith('_UNSPECIFIED') || name === 'UNRECOGNIZED') return null;
  return name.slice(prefix.length).toLowerCase();
}

const blankToNull = (value: string | undefined) => (value ? value : null);
const keep = <T>(next: T | null | undefined, current: T | null) => (next === null || next === undefined ? current : next);

/**
 * Folds one call lifecycle event into the call's record. Each event sets only the facts it carries, so events that
 * arrive late or out of order still give the same row; counters (offers, transfers) rely on the projection's
 * exactly-once application.
 */
export function evolveCallRecord(record: CallRecord, event: CallLifecycleEvent): CallRecord {
  switch (event.type) {
    case 'cc.call.v1.CallArrived': {
      const e = event.data;
      return {
        ...record,
        branchId: keep(blankToNull(e.branchId), record.branchId),
        sipCallId: keep(blankToNull(e.sipCallId), record.sipCallId),
        channel: enumValue(commonV1.channelToJSON(e.channel), 'CHANNEL_'),
        direction: enumValue(callV1.directionToJSON(e.direction), 'DIRECTION_'),
        dialledNumber: blankToNull(e.dialledNumber),
        callerNumber: blankToNull(e.callerNumber),
        callerName: blankToNull(e.callerName),
        campaignId: blankToNull(e.campaignId),
        arrivedAt: e.occurredAt ?? record.arrivedAt,
      };
    }
    case 'cc.call.v1.CallQueued': {
      const e = event.data;
      return {
        ...record,
        branchId: keep(blankToNull(e.branchId), record.branchId),
        queueId: blankToNull(e.queueId),
        queuedAt: record.queuedAt ?? e.occurredAt ?? null,
        priority: e.priority,
      };
    }
    case 'cc.call.v1.CallLeftQueue':
      return { ...record, waitMs: keep(event.data.waitMs, record.waitMs) };
    case 'cc.call.v1.CallOffered':
      return { ...record, offers: record.offers + 1 };
    case 'cc.call.v1.CallAnswered': {
      const e = event.data;
      return {
        ...record,
        queueId: keep(blankToNull(e.queueId), record.queueId),
        answeredAt: e.occurredAt ?? record.answeredAt,
        agentId: blankToNull(e.agentId),
        waitMs: e.waitMs,
        ringMs: e.ringMs,
      };
    }
    case 'cc.call.v1.CallTransferred':
      return { ...record, transfers: record.transfers + 1 };
    case 'cc.call.v1.CallAbandoned': {
      const e = event.data;
      return {
        ...record,
        queueId: keep(blankToNull(e.queueId), record.queueId),
        abandoned: true,
        abandonPosition: e.position,
        waitMs: e.waitMs,
        callerNumber: keep(blankToNull(e.callerNumber), record.callerNumber),
      };
    }
    case 'cc.call.v1.CallEnded': {
      const e = event.data;
      return {
        ...record,
        endedAt: e.occurredAt ?? record.endedAt,
        endCause: enumValue(callV1.endCauseToJSON(e.cause), 'END_CAUSE_'),
        hungUpBy: enumValue(callV1.partyToJSON(e.hungUpBy), 'PARTY_'),
        talkMs: e.talkMs,
        holdMs: e.holdMs,
        durationMs: e.durationMs,
        waitMs: record.waitMs ?? e.waitMs,
        agentId: keep(blankToNull(e.agentId), record.agentId),
        queueId: keep(blankToNull(e.queueId), record.queueId),
        abandoned: record.abandoned || e.cause === callV1.EndCause.END_CAUSE_ABANDONED,
      };
    }
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
