import { type CallEnd, type CallLeg, type LegTarget } from './call-state';

/** Where a blind transfer (REFER from the agent) sends the caller. */
export type TransferTarget = { kind: 'queue'; branchId: string; queueId: string } | { kind: 'number'; number: string };

/** What happens to a call: SIP signalling from either leg, routing decisions, lookups. Time comes in with each. */
export type CallInput =
  | { kind: 'customer-identified'; customerId: string; vip: boolean; now: number }
  | { kind: 'queued'; now: number }
  | { kind: 'queue-refused'; status: number; reason: string; now: number }
  | { kind: 'offered'; offerId: string; agentId: string; agentDomainId: string; now: number }
  | { kind: 'offer-ended'; offerId: string; why: 'timed-out' | 'rejected' | 'withdrawn'; now: number }
  | { kind: 'overflowed-to-trunk'; trunkUri: string; now: number }
  | { kind: 'offer-confirmed'; offerId: string; now: number }
  | { kind: 'offer-refused'; offerId: string; now: number }
  | { kind: 'leg-ringing'; legId: string; earlyMedia?: Buffer; now: number }
  | { kind: 'leg-answered'; legId: string; sdp: Buffer; now: number }
  | { kind: 'leg-failed'; legId: string; status: number; reason: string; now: number }
  | { kind: 'leg-hung-up'; legId: string; now: number }
  | { kind: 'transfer-requested'; legId: string; target: TransferTarget; now: number }
  | { kind: 'customer-answered'; sdp: Buffer; now: number }
  | { kind: 'customer-unreached'; status: number; reason: string; now: number }
  | { kind: 'hang-up-requested'; now: number }
  | { kind: 'caller-left'; now: number }
  | { kind: 'caller-hung-up'; now: number }
  | { kind: 'caller-lost'; status: number; now: number };

/** Facts worth an event, in the call's vocabulary (mapped to protobuf by the publisher). */
export type CallFact =
  | { kind: 'arrived' }
  | { kind: 'ringing' }
  | { kind: 'leg-started'; leg: CallLeg }
  | { kind: 'leg-ringing'; leg: CallLeg }
  | { kind: 'leg-answered'; leg: CallLeg }
  | { kind: 'leg-ended'; leg: CallLeg; status: number; reason: string; by: 'platform' | 'remote' }
  | { kind: 'answered'; agentId: string; offerId: string; waitMs: number; ringMs: number }
  | { kind: 'bridged'; leg: CallLeg }
  | { kind: 'transferred'; fromAgentId: string; target: TransferTarget; talkMs: number }
  | { kind: 'ended'; end: CallEnd };

/** What the B2BUA must do next; carried out in order by the call's adapter. */
export type CallAction =
  | { kind: 'lookup-customer' }
  | {
      kind: 'queue-interaction';
      interactionId: string;
      branchId: string;
      queueId: string;
      customerId: string;
      vip: boolean;
    }
  | { kind: 'ring-caller' }
  | { kind: 'reject-caller'; status: number; reason: string }
  | { kind: 'early-media-caller'; sdp: Buffer }
  | { kind: 'answer-caller'; sdp: Buffer }
  | { kind: 'reoffer-caller'; sdp: Buffer }
  | { kind: 'hang-up-caller' }
  | { kind: 'invite-leg'; leg: CallLeg; sdp: Buffer }
  | { kind: 'cancel-leg'; legId: string }
  | { kind: 'hang-up-leg'; legId: string }
  | { kind: 'answer-transfer'; legId: string; status: number; reason: string }
  | { kind: 'accept-offer'; interactionId: string; offerId: string; agentId: string }
  | { kind: 'reject-offer'; interactionId: string; offerId: string; agentId: string; unreachable: boolean }
  | { kind: 'abandon-interaction'; interactionId: string }
  | { kind: 'complete-interaction'; interactionId: string; agentId: string }
  | { kind: 'publish'; fact: CallFact }
  | { kind: 'forget' };

export type { LegTarget };
