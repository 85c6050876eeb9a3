import { type callV1 } from '@cc/contracts';

/** One row per call: what happened to it from arrival to end (a call detail record), as BI tools read it. */
export interface CallRecord {
  tenantId: string;
  callId: string;
  branchId: string | null;
  sipCallId: string | null;
  channel: string | null;
  direction: string | null;
  dialledNumber: string | null;
  callerNumber: string | null;
  callerName: string | null;
  campaignId: string | null;
  arrivedAt: Date | null;
  queueId: string | null;
  queuedAt: Date | null;
  priority: number | null;
  offers: number;
  answeredAt: Date | null;
  agentId: string | null;
  waitMs: number | null;
  ringMs: number | null;
  transfers: number;
  abandoned: boolean;
  abandonPosition: number | null;
  endedAt: Date | null;
  endCause: string | null;
  hungUpBy: string | null;
  talkMs: number | null;
  holdMs: number | null;
  durationMs: number | null;
}

export type CallLifecycleEvent =
  | { type: 'cc.call.v1.CallArrived'; data: callV1.CallArrived }
  | { type: 'cc.call.v1.CallQueued'; data: callV1.CallQueued }
  | { type: 'cc.call.v1.CallLeftQueue'; data: callV1.CallLeftQueue }
  | { type: 'cc.call.v1.CallOffered'; data: callV1.CallOffered }
  | { type: 'cc.call.v1.CallAnswered'; data: callV1.CallAnswered }
  | { type: 'cc.call.v1.CallTransferred'; data: callV1.CallTransferred }
  | { type: 'cc.call.v1.CallAbandoned'; data: callV1.CallAbandoned }
  | { type: 'cc.call.v1.CallEnded'; data: callV1.CallEnded };

export function emptyCallRecord(tenantId: string, callId: string): CallRecord {
  return {
    tenantId,
    callId,
    branchId: null,
    sipCallId: null,
    channel: null,
    direction: null,
    dialledNumber: null,
    callerNumber: null,
    callerName: null,
    campaignId: null,
    arrivedAt: null,
    queueId: null,
    queuedAt: null,
    priority: null,
    offers: 0,
    answeredAt: null,
    agentId: null,
    waitMs: null,
    ringMs: null,
    transfers: 0,
    abandoned: false,
    abandonPosition: null,
    endedAt: null,
    endCause: null,
    hungUpBy: null,
    talkMs: null,
    holdMs: null,
    durationMs: null,
  };
}
