import { type CallAction, type CallFact, type CallInput, type TransferTarget } from './call-messages';
import { type CallLeg, type CallState, type EndCause, type LegTarget, type Party } from './call-state';

/**
 * The B2BUA's decisions for one call. Pure: given the call and what happened, it changes the call and returns what
 * to do, in order. Signalling races (an answer after a CANCEL, a routing confirmation after the caller left) are
 * decided here, so that every call ends with both legs closed and routing told exactly once.
 */
export function decideCall(call: CallState, input: CallInput): CallAction[] {
  if (call.phase === 'ended') return afterEnd(call, input);
  switch (input.kind) {
    case 'customer-identified':
      if (call.phase !== 'arriving') return [];
      call.customerId = input.customerId || call.customerId;
      call.vip = input.vip;
      return [queueAction(call)];
    case 'queued': {
      // Routing may offer the call before its reply to the queueing arrives: the offer already moved it on.
      if (call.phase === 'arriving') call.phase = 'queued';
      if (call.callerAnswered || call.callerRinging) return [];
      call.callerRinging = true;
      return [{ kind: 'ring-caller' }, publish({ kind: 'ringing' })];
    }
    case 'queue-refused':
      if (call.phase !== 'arriving') return [];
      return call.callerAnswered
        ? endCall(call, 'failed', 'system', input.status, input.now, [{ kind: 'hang-up-caller' }])
        : endCall(call, 'failed', 'system', input.status, input.now, [
            { kind: 'reject-caller', status: input.status, reason: input.reason },
          ]);
    case 'offered':
      return offered(call, input);
    case 'offer-ended':
      return offerEnded(call, input.offerId, input.now);
    case 'overflowed-to-trunk': {
      // Routing may send the call away in the same decision that queues it, before its reply to the queueing.
      const waiting =
        call.phase === 'queued' || call.phase === 'offering' || (call.phase === 'arriving' && call.queueRequested);
      if (!waiting) return [];
      return [
        ...giveUpLeg(call, input.now),
        ...startLeg(call, { kind: 'trunk', trunkUri: input.trunkUri, reason: 'overflow' }, input.now),
      ];
    }
    case 'offer-confirmed':
      return offerConfirmed(call, input.offerId, input.now);
    case 'offer-refused':
      if (call.phase !== 'confirming' || !isAgentOffer(call.leg, input.offerId)) return [];
      return [...closeLeg(call, 'hang-up-leg', 409, 'offer no longer valid'), ...backToQueue(call)];
    case 'leg-ringing':
      return legRinging(call, input.legId, input.earlyMedia, input.now);
    case 'leg-answered':
      return legAnswered(call, input.legId, input.sdp, input.now);
    case 'leg-failed':
      return legFailed(call, input.legId, input.status, input.reason, input.now);
    case 'leg-hung-up':
      return legHungUp(call, input.legId, input.now);
    case 'transfer-requested':
      return transferRequested(call, input.legId, input.target, input.now);
    case 'customer-answered':
      if (call.phase !== 'dialling') return [];
      // The customer's answer is the session every agent's leg is offered; their phone gets the agent's by re-INVITE.
      call.callerSdp = input.sdp;
      call.callerAnswered = true;
      call.phase = 'arriving';
      return [{ kind: 'lookup-customer' }];
    case 'customer-unreached':
      if (call.phase !== 'dialling') return [];
      return endCall(call, unreachedCause(input.status), 'customer', input.status, input.now, []);
    case 'hang-up-requested':
      if (call.phase === 'dialling') return [{ kind: 'reject-caller', status: 487, reason: 'Hung up by request' }];
      return [{ kind: 'hang-up-caller' }, ...callerGone(call, 200, input.now, 'system')];
    case 'caller-left':
    case 'caller-hung-up':
      return callerGone(call, 200, input.now);
    case 'caller-lost':
      return callerGone(call, input.status, input.now);
    default: {
      const never: never = input;
      return never;
    }
  }
}

function afterEnd(call: CallState, input: CallInput): CallAction[] {
  // Answers that cross the end still close what they opened: no leg or offer outlives the call.
  switch (input.kind) {
    case 'leg-answered':
      return [{ kind: 'hang-up-leg', legId: input.legId }];
    case 'offer-confirmed':
      return call.answeredOfferId === input.offerId
        ? [{ kind: 'complete-interaction', interactionId: call.interactionId, agentId: call.answeredAgentId }]
        : [];
    case 'offered':
      return [
        {
          kind: 'reject-offer',
          interactionId: call.interactionId,
          offerId: input.offerId,
          agentId: input.agentId,
          unreachable: false,
        },
      ];
    default:
      return [];
  }
}

function queueAction(call: CallState): CallAction {
  call.queueRequested = true;
  return {
    kind: 'queue-interaction',
    interactionId: call.interactionId,
    branchId: call.branchId,
    queueId: call.queueId,
    customerId: call.customerId,
    vip: call.vip,
  };
}

function offered(call: CallState, input: Extract<CallInput, { kind: 'offered' }>): CallAction[] {
  const waiting = call.phase === 'queued' || (call.phase === 'arriving' && call.queueRequested);
  if (!waiting || call.leg) {
    // One leg at a time: a second offer while one rings is refused, routing offers it elsewhere.
    return [
      {
        kind: 'reject-offer',
        interactionId: call.interactionId,
        offerId: input.offerId,
        agentId: input.agentId,
        unreachable: false,
      },
    ];
  }
  const target: LegTarget = {
    kind: 'agent',
    agentId: input.agentId,
    offerId: input.offerId,
    agentDomainId: input.agentDomainId,
  };
  return startLeg(call, target, input.now);
}

function startLeg(call: CallState, target: LegTarget, now: number): CallAction[] {
  const leg: CallLeg = { legId: `${call.callId}:${legCounter(call)}`, target, status: 'inviting', startedAt: now };
  call.leg = leg;
  call.phase = 'offering';
  return [{ kind: 'invite-leg', leg, sdp: call.callerSdp }, publish({ kind: 'leg-started', leg })];
}

function legCounter(call: CallState): number {
  call.legCount += 1;
  return call.legCount;
}

function offerEnded(call: CallState, offerId: string, now: number): CallAction[] {
  const leg = call.leg;
  if (!isAgentOffer(leg, offerId)) return [];
  if (leg.status === 'answered') {
    // Routing gave the offer up while the answer was being confirmed: it will refuse the confirmation.
    return [];
  }
  void now;
  return [...closeLeg(call, 'cancel-leg', 487, 'offer ended'), ...backToQueue(call)];
}

function offerConfirmed(call: CallState, offerId: string, now: number): CallAction[] {
  const leg = call.leg;
  if (call.phase !== 'confirming' || !isAgentOffer(leg, offerId) || leg.target.kind !== 'agent') return [];
  return connect(call, leg, now);
}

function connect(call: CallState, leg: CallLeg, now: number): CallAction[] {
  const actions: CallAction[] = [];
  const sdp = leg.answerSdp ?? Buffer.alloc(0);
  leg.answerSdp = undefined;
  actions.push(call.callerAnswered ? { kind: 'reoffer-caller', sdp } : { kind: 'answer-caller', sdp });
  call.callerAnswered = true;
  call.phase = 'connected';
  call.connectedAt = now;
  if (leg.target.kind === 'agent') {
    const ringMs = leg.ringingAt !== undefined ? now - leg.ringingAt : now - leg.startedAt;
    actions.push(
      publish({
        kind: 'answered',
        agentId: leg.target.agentId,
        offerId: leg.target.offerId,
        waitMs: now - call.arrivedAt,
        ringMs,
      }),
    );
  }
  actions.push(publish({ kind: 'bridged', leg }));
  return actions;
}

function legRinging(call: CallState, legId: string, earlyMedia: Buffer | undefined, now: number): CallAction[] {
  const leg = call.leg;
  if (!leg || leg.legId !== legId) return [];
  // A trunk's early media (its announcements or ringback) reaches a caller not yet answered; an agent's phone
  // rings unheard, the caller keeps hearing the queue.
  const passMedia = earlyMedia !== undefined && leg.target.kind !== 'agent' && !call.callerAnswered;
  const media: CallAction[] = passMedia ? [{ kind: 'early-media-caller', sdp: earlyMedia }] : [];
  if (leg.status !== 'inviting') return leg.status === 'ringing' ? media : [];
  leg.status = 'ringing';
  leg.ringingAt = now;
  return [...media, publish({ kind: 'leg-ringing', leg })];
}

function legAnswered(call: CallState, legId: string, sdp: Buffer, now: number): CallAction[] {
  const leg = call.leg;
  if (!leg || leg.legId !== legId || (leg.status !== 'inviting' && leg.status !== 'ringing')) {
    // An answer that crossed our CANCEL (or came after the call moved on) is hung up at once.
    const closing = call.closingLegs.findIndex((l) => l.legId === legId);
    if (closing >= 0) call.closingLegs.splice(closing, 1);
    return [{ kind: 'hang-up-leg', legId }];
  }
  leg.status = 'answered';
  leg.answeredAt = now;
  leg.answerSdp = sdp;
  const actions: CallAction[] = [publish({ kind: 'leg-answered', leg })];
  if (leg.target.kind === 'agent') {
    call.phase = 'confirming';
    call.answeredAgentId = leg.target.agentId;
    call.answeredOfferId = leg.target.offerId;
    actions.push({
      kind: 'accept-offer',
      interactionId: call.interactionId,
      offerId: leg.target.offerId,
      agentId: leg.target.agentId,
    });
    return actions;
  }
  return [...actions, ...connect(call, leg, now)];
}

function legFailed(call: CallState, legId: string, status: number, reason: string, now: number): CallAction[] {
  const closing = call.closingLegs.findIndex((l) => l.legId === legId);
  if (closing >= 0) {
    // The final answer to our CANCEL: routing already knows, only the leg's end is told.
    const [leg] = call.closingLegs.splice(closing, 1);
    leg.status = 'ended';
    return [publish({ kind: 'leg-ended', leg, status, reason, by: 'platform' })];
  }
  const leg = call.leg;
  if (!leg || leg.legId !== legId) return [];
  call.leg = undefined;
  const actions: CallAction[] = [publish({ kind: 'leg-ended', leg, status, reason, by: 'remote' })];
  const target = leg.target;
  if (target.kind === 'agent') {
    actions.push({
      kind: 'reject-offer',
      interactionId: call.interactionId,
      offerId: target.offerId,
      agentId: target.agentId,
      unreachable: !isRefusal(status),
    });
    call.phase = 'queued';
    return actions;
  }
  // A trunk or outside number that cannot be reached ends the call: routing has already let it go.
  return [
    ...actions,
    ...endCall(call, 'failed', 'system', status, now, [
      call.callerAnswered ? { kind: 'hang-up-caller' } : { kind: 'reject-caller', status, reason },
    ]),
  ];
}

/** Why an originated call was not answered, by the final status of its INVITE. */
function unreachedCause(status: number): EndCause {
  if (status === 486 || status === 600) return 'busy';
  if (status === 408 || status === 480 || status === 487) return 'no-answer';
  return 'failed';
}

/** Busy here, busy everywhere, declined: the person refused; anything else means the phone could not be reached. */
function isRefusal(status: number): boolean {
  return status === 486 || status === 600 || status === 603;
}

function legHungUp(call: CallState, legId: string, now: number): CallAction[] {
  const leg = call.leg;
  if (!leg || leg.legId !== legId) return [];
  leg.status = 'ended';
  call.leg = undefined;
  const actions: CallAction[] = [publish({ kind: 'leg-ended', leg, status: 200, reason: 'BYE', by: 'remote' })];
  const hungUpBy: Party = leg.target.kind === 'agent' ? 'agent' : 'customer';
  const cause: EndCause = leg.target.kind === 'agent' ? 'normal' : 'transferred-out';
  if (call.phase === 'confirming' && leg.target.kind === 'agent') {
    // The agent hung up before the caller was connected: routing may still confirm, so refuse it here.
    actions.push({
      kind: 'reject-offer',
      interactionId: call.interactionId,
      offerId: leg.target.offerId,
      agentId: leg.target.agentId,
      unreachable: false,
    });
    call.phase = 'queued';
    return actions;
  }
  if (call.phase !== 'connected') return actions;
  addTalk(call, now);
  if (leg.target.kind === 'agent') {
    actions.push({ kind: 'complete-interaction', interactionId: call.interactionId, agentId: leg.target.agentId });
  }
  return [...actions, ...endCall(call, cause, hungUpBy, 200, now, [{ kind: 'hang-up-caller' }])];
}

function transferRequested(call: CallState, legId: string, target: TransferTarget, now: number): CallAction[] {
  const leg = call.leg;
  if (call.phase !== 'connected' || !leg || leg.legId !== legId || leg.target.kind !== 'agent') {
    return [{ kind: 'answer-transfer', legId, status: 403, reason: 'Only the connected agent may transfer' }];
  }
  const agentId = leg.target.agentId;
  const talkMs = now - (call.connectedAt ?? now);
  addTalk(call, now);
  leg.status = 'ended';
  call.leg = undefined;
  call.transfers += 1;
  const actions: CallAction[] = [
    { kind: 'answer-transfer', legId, status: 202, reason: 'Accepted' },
    { kind: 'hang-up-leg', legId },
    publish({ kind: 'leg-ended', leg, status: 200, reason: 'transferred', by: 'platform' }),
    { kind: 'complete-interaction', interactionId: call.interactionId, agentId },
    publish({ kind: 'transferred', fromAgentId: agentId, target, talkMs }),
  ];
  call.connectedAt = undefined;
  if (target.kind === 'number') {
    return [...actions, ...startLeg(call, { kind: 'number', number: target.number, reason: 'transfer' }, now)];
  }
  call.interactionId = `${call.callId}:t${call.transfers}`;
  call.queueId = target.queueId;
  if (target.branchId && target.branchId !== call.branchId) {
    // Another branch's queue: its routing domain owns the new interaction.
    (call as { branchId: string }).branchId = target.branchId;
  }
  call.phase = 'arriving';
  call.queueRequested = false;
  return [...actions, queueAction(call)];
}

function callerGone(call: CallState, status: number, now: number, by: Party = 'customer'): CallAction[] {
  const actions: CallAction[] = [];
  const leg = call.leg;
  if (leg)
    actions.push(...closeLeg(call, leg.status === 'answered' ? 'hang-up-leg' : 'cancel-leg', 487, 'caller left'));
  switch (call.phase) {
    case 'arriving':
    case 'queued':
    case 'offering':
    case 'confirming':
      // Once asked to queue it, routing holds the interaction until told it is abandoned (commands of one call
      // reach routing in order, so the abandon never overtakes the queueing).
      if (call.queueRequested) {
        actions.push({ kind: 'abandon-interaction', interactionId: call.interactionId });
      }
      // An originated call's customer who hangs up before an agent takes it was dropped: the dialer's abandon.
      return endCall(
        call,
        call.callerAnswered && call.direction === 'inbound' ? 'normal' : 'abandoned',
        by,
        status,
        now,
        actions,
      );
    case 'connected': {
      addTalk(call, now);
      const target = leg?.target;
      if (target?.kind === 'agent') {
        actions.push({ kind: 'complete-interaction', interactionId: call.interactionId, agentId: target.agentId });
      }
      const cause: EndCause = target && target.kind !== 'agent' ? 'transferred-out' : 'normal';
      return endCall(call, cause, by, status, now, actions);
    }
    default:
      return actions;
  }
}

function giveUpLeg(call: CallState, now: number): CallAction[] {
  void now;
  const leg = call.leg;
  if (!leg) return [];
  return closeLeg(call, leg.status === 'answered' ? 'hang-up-leg' : 'cancel-leg', 487, 'call moved');
}

/**
 * Closes the current leg: CANCEL while it rings, BYE once answered. A cancelled leg waits among the closing legs
 * for its 487, while the call may already ring the next agent.
 */
function closeLeg(call: CallState, how: 'cancel-leg' | 'hang-up-leg', status: number, reason: string): CallAction[] {
  const leg = call.leg;
  if (!leg) return [];
  leg.answerSdp = undefined;
  if (how === 'cancel-leg') {
    leg.status = 'cancelling';
    call.leg = undefined;
    call.closingLegs.push(leg);
    return [{ kind: 'cancel-leg', legId: leg.legId }];
  }
  leg.status = 'ended';
  call.leg = undefined;
  return [
    { kind: 'hang-up-leg', legId: leg.legId },
    publish({ kind: 'leg-ended', leg, status, reason, by: 'platform' }),
  ];
}

function backToQueue(call: CallState): CallAction[] {
  call.phase = 'queued';
  return [];
}

function addTalk(call: CallState, now: number): void {
  if (call.connectedAt !== undefined) call.talkMs += now - call.connectedAt;
  call.connectedAt = undefined;
}

function endCall(
  call: CallState,
  cause: EndCause,
  hungUpBy: Party,
  sipStatus: number,
  now: number,
  actions: CallAction[],
): CallAction[] {
  call.phase = 'ended';
  call.end = { cause, hungUpBy, sipStatus, at: now };
  return [...actions, publish({ kind: 'ended', end: call.end }), { kind: 'forget' }];
}

function isAgentOffer(leg: CallLeg | undefined, offerId: string): leg is CallLeg {
  return leg !== undefined && leg.target.kind === 'agent' && leg.target.offerId === offerId;
}

function publish(fact: CallFact): CallAction {
  return { kind: 'publish', fact };
}
