import { type SipUserAgent } from '@cc/sip';
import { randomUUID } from 'node:crypto';
import { type CallFact } from '../calls/call-messages';
import { type CallRunner } from '../calls/call-runner';
import { type EndCause } from '../calls/call-state';
import { type BridgedDialogs } from '../sip/bridged-dialogs';
import { presented, trunkRoute } from '../sip/sip-leg-dialer';
import { holdOffer } from './hold-offer';
import { type OriginateOrder } from './originate-order';
import { SipCustomerLeg } from './sip-customer-leg';

export type OriginateStage = 'trying' | 'ringing' | 'answered' | 'bridged' | 'busy' | 'no-answer' | 'failed' | 'ended';

/** One step of an originated call, as the originate API reports it. */
export interface OriginateStep {
  callId: string;
  stage: OriginateStage;
  at: number;
  sipStatus: number;
  reason: string;
  agentId: string;
  sipCallId: string;
  reference: string;
}

const FINAL_OF_UNANSWERED: Partial<Record<EndCause, OriginateStage>> = { busy: 'busy', 'no-answer': 'no-answer' };

export interface OriginatorOptions {
  agent: SipUserAgent;
  runner: CallRunner;
  dialogs: BridgedDialogs;
  now?: () => number;
}

/**
 * Calls customers for the dialer and callbacks: an INVITE on the trunk with the chosen caller id, a ring time, then
 * (once answered) the call is queued for an agent like an inbound one, with the customer's answer offered to the
 * agent's phone. Progress goes to the caller of originate until the call ends.
 */
export class Originator {
  private readonly now: () => number;

  constructor(private readonly options: OriginatorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Places the call; `report` gets each step, the last one final (busy, no-answer, failed or ended). */
  originate(order: OriginateOrder, report: (step: OriginateStep) => void): string {
    const { agent, runner, dialogs } = this.options;
    const callId = randomUUID();
    const host = agent.transport.host;
    const route = trunkRoute(order.trunk, order.number);
    const identity = presented(
      { ...order.trunk.outboundCallerId, present: { fixed: order.callerId } },
      { callerNumber: '', dialledNumber: '', callerRestricted: false },
      host,
    );
    const invite = agent.invite({
      requestUri: route.requestUri,
      destination: route.destination,
      from: `<sip:${identity.fromUser}@${host}>`,
      to: route.to,
      headers: identity.headers,
      body: holdOffer(host, Math.floor(this.now() / 1000)),
      contentType: 'application/sdp',
      ...(route.credentials ? { credentials: route.credentials } : {}),
    });
    const sipCallId = invite.callId;
    let answered = false;
    let finished = false;
    const step = (stage: OriginateStage, sipStatus = 0, reason = '', agentId = '') => {
      if (finished) return;
      finished = stage !== 'trying' && stage !== 'ringing' && stage !== 'answered' && stage !== 'bridged';
      report({ callId, stage, at: this.now(), sipStatus, reason, agentId, sipCallId, reference: order.reference });
    };
    const leg = new SipCustomerLeg(callId, invite, dialogs, (input) => runner.callerInput(callId, input), this.now);
    let timedOut = false;
    const ringLimit = setTimeout(() => {
      timedOut = true;
      invite.cancel();
    }, order.ringTimeoutMs);
    ringLimit.unref();
    const watch = (fact: CallFact) => {
      if (fact.kind === 'answered') step('bridged', 200, 'OK', fact.agentId);
      if (fact.kind !== 'ended') return;
      const stage = answered ? 'ended' : (FINAL_OF_UNANSWERED[fact.end.cause] ?? 'failed');
      step(stage, fact.end.sipStatus, fact.end.cause);
    };
    runner.start(
      {
        callId,
        sipCallId,
        tenantId: order.tenantId,
        branchId: order.branchId,
        queueId: order.queueId,
        dialledNumber: order.callerId,
        callerNumber: order.number,
        callerName: '',
        trunkId: order.trunk.trunkId,
        callerSdp: Buffer.alloc(0),
        customerId: order.customerId,
        direction: 'outbound',
        now: this.now(),
      },
      leg,
      watch,
    );
    step('trying');
    invite.onProvisional((response) => {
      if (response.status === 180 || response.status === 183) step('ringing', response.status, response.reason);
    });
    invite.onFailed((failure) => {
      clearTimeout(ringLimit);
      // Our CANCEL at the end of the ring time is a no-answer, whatever the far end answers to it.
      const status = timedOut || failure.cause === 'timeout' ? 408 : failure.status;
      runner.callerInput(callId, { kind: 'customer-unreached', status, reason: failure.reason, now: this.now() });
    });
    invite.onAnswered((dialog, response) => {
      clearTimeout(ringLimit);
      answered = true;
      leg.answered(dialog);
      step('answered', response.status, response.reason);
      runner.callerInput(callId, { kind: 'customer-answered', sdp: response.body, now: this.now() });
    });
    return callId;
  }

  /** Ends a call this ingress holds; false when it holds no such call of the tenant. */
  hangUp(tenantId: string, callId: string): boolean {
    const call = this.options.runner.call(callId);
    if (!call || call.tenantId !== tenantId) return false;
    this.options.runner.callerInput(callId, { kind: 'hang-up-requested', now: this.now() });
    return true;
  }
}
