import { type CallFact, type TransferTarget } from './call-messages';
import { type CallLeg, type CallState } from './call-state';

/** The caller's side of a call: the INVITE from the carrier and, once answered, its dialog. */
export interface CallerLegPort {
  /** 180 Ringing (idempotent). */
  ring(): void;
  reject(status: number, reason: string): void;
  /** 183 Session Progress with the other leg's early media (announcements, ringback of a trunk). */
  earlyMedia(sdp: Buffer): void;
  /** 200 OK with the other leg's session description. */
  answer(sdp: Buffer): void;
  /** re-INVITE with a new leg's session description (after a transfer); resolves with the caller's answer. */
  reoffer(sdp: Buffer): Promise<void>;
  hangUp(): void;
}

/** What the other leg reports while it is set up and afterwards. */
export interface LegEvents {
  /** 180 or 183; `earlyMedia` is the session description of a 183 that carries one. */
  ringing(earlyMedia?: Buffer): void;
  answered(sdp: Buffer): void;
  failed(status: number, reason: string): void;
  hungUp(): void;
  transferRequested(target: TransferTarget): void;
}

/** A leg to an agent's phone, a trunk or an outside number. */
export interface LegHandle {
  cancel(): void;
  hangUp(): void;
  /** Answers the REFER that asked for a transfer (202, or a refusal). */
  answerTransfer(status: number, reason: string): void;
}

/** Places the other legs: finds the agent's phone (registration, desk phone, or the branch's ingress) or trunk. */
export interface LegDialer {
  dial(call: CallState, leg: CallLeg, sdp: Buffer, events: LegEvents): LegHandle;
}

/** Routing as the calls use it; each call's commands are sent one after another, in order. */
export interface RoutingPort {
  queueInteraction(call: CallState, interactionId: string, queueId: string): Promise<void>;
  acceptOffer(call: CallState, interactionId: string, agentId: string): Promise<void>;
  rejectOffer(call: CallState, interactionId: string, agentId: string): Promise<void>;
  abandon(call: CallState, interactionId: string): Promise<void>;
  complete(call: CallState, interactionId: string): Promise<void>;
}

/** Who the caller is, by number; time-boxed by the caller of the port. */
export interface CallerLookupPort {
  identify(tenantId: string, callerNumber: string): Promise<{ customerId: string; vip: boolean } | undefined>;
}

/** Turns a call's facts into events on the bus. */
export interface CallFactsPort {
  publish(call: CallState, fact: CallFact, now: number): void;
}
