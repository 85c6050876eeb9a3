/**
 * One call through the B2BUA: the caller's leg (the dialog with the carrier) and at most one other leg at a time
 * (an agent's phone, a partner trunk, a transfer target). Plain data, changed only by decideCall.
 */
export type CallPhase =
  /** An originated call: the customer's phone is being called. */
  | 'dialling'
  /** The INVITE was taken (100 Trying sent); the customer is being identified and the call queued. */
  | 'arriving'
  /** Waiting in a queue; the caller hears ringing. */
  | 'queued'
  /** A leg to an agent's phone (or a trunk) is being set up. */
  | 'offering'
  /** The agent's phone answered; routing is asked to confirm the offer before the caller is connected. */
  | 'confirming'
  /** Caller and agent (or trunk) talk. */
  | 'connected'
  /** Both legs are being torn down; nothing else is decided. */
  | 'ended';

/** Who the other leg goes to. */
export type LegTarget =
  | { kind: 'agent'; agentId: string; offerId: string; agentDomainId: string }
  | { kind: 'trunk'; trunkUri: string; reason: 'overflow' | 'transfer' }
  | { kind: 'number'; number: string; reason: 'transfer' };

export type CallDirection = 'inbound' | 'outbound';

export type LegStatus = 'inviting' | 'ringing' | 'answered' | 'cancelling' | 'ended';

export interface CallLeg {
  readonly legId: string;
  readonly target: LegTarget;
  status: LegStatus;
  readonly startedAt: number;
  ringingAt?: number;
  answeredAt?: number;
  /** The leg's session answer, held while routing confirms the offer; only then does the caller get it. */
  answerSdp?: Buffer;
}

/** Why the call ended, as the call lifecycle events tell it. */
export type EndCause =
  'normal' | 'abandoned' | 'failed' | 'transferred-out' | 'no-capacity' | 'closed' | 'busy' | 'no-answer';
export type Party = 'customer' | 'agent' | 'system';

export interface CallEnd {
  readonly cause: EndCause;
  readonly hungUpBy: Party;
  readonly sipStatus: number;
  readonly at: number;
}

export interface CallState {
  readonly callId: string;
  readonly sipCallId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly dialledNumber: string;
  readonly callerNumber: string;
  readonly callerName: string;
  /** The caller withheld their number (Privacy): trunks out of the platform must not show it. */
  readonly callerRestricted: boolean;
  /** inbound: the customer called a DID; outbound: the platform called the customer (originate). */
  readonly direction: CallDirection;
  readonly trunkId: string;
  readonly arrivedAt: number;
  phase: CallPhase;
  /** Queue the call waits in (or was answered from). */
  queueId: string;
  /** The routing interaction of the current queue visit: the call id, then `<call id>:t<n>` after each transfer. */
  interactionId: string;
  customerId: string;
  vip: boolean;
  /** True once the current interaction was sent to routing to be queued. */
  queueRequested: boolean;
  /** The caller's session description, offered to each leg in turn. */
  callerSdp: Buffer;
  /** True once the caller was sent 180 Ringing. */
  callerRinging: boolean;
  /** True once the caller got its 200 OK: later legs reach it by re-INVITE, not by the final answer. */
  callerAnswered: boolean;
  leg?: CallLeg;
  /** Legs cancelled and waiting for their final response. */
  closingLegs: CallLeg[];
  /** Offers whose legs were given up (timed out, withdrawn): a late answer on them is hung up, never connected. */
  answeredAgentId: string;
  answeredOfferId: string;
  connectedAt?: number;
  talkMs: number;
  transfers: number;
  /** Legs started so far; numbers the leg ids. */
  legCount: number;
  end?: CallEnd;
}

/** What arrives with the INVITE, after the DID and trunk were resolved. */
export interface CallArrival {
  readonly callId: string;
  readonly sipCallId: string;
  readonly tenantId: string;
  readonly branchId: string;
  readonly queueId: string;
  readonly dialledNumber: string;
  readonly callerNumber: string;
  readonly callerName: string;
  readonly callerRestricted?: boolean;
  readonly direction?: CallDirection;
  readonly trunkId: string;
  /** Known before the call (an originated call to a customer of the CRM); else looked up by number. */
  readonly customerId?: string;
  /** Inbound: the caller's offer; outbound: empty until the customer answers. */
  readonly callerSdp: Buffer;
  readonly now: number;
}

export function newCall(arrival: CallArrival): CallState {
  return {
    callId: arrival.callId,
    sipCallId: arrival.sipCallId,
    tenantId: arrival.tenantId,
    branchId: arrival.branchId,
    dialledNumber: arrival.dialledNumber,
    callerNumber: arrival.callerNumber,
    callerName: arrival.callerName,
    callerRestricted: arrival.callerRestricted ?? false,
    direction: arrival.direction ?? 'inbound',
    trunkId: arrival.trunkId,
    arrivedAt: arrival.now,
    phase: arrival.direction === 'outbound' ? 'dialling' : 'arriving',
    queueId: arrival.queueId,
    interactionId: arrival.callId,
    customerId: arrival.customerId ?? '',
    vip: false,
    queueRequested: false,
    callerSdp: arrival.callerSdp,
    callerRinging: false,
    callerAnswered: false,
    answeredAgentId: '',
    answeredOfferId: '',
    talkMs: 0,
    transfers: 0,
    legCount: 0,
    closingLegs: [],
  };
}
