/* Sample payloads of every registered event type, for tests of the contracts and of their consumers. */
import * as agentV1 from '../generated/callcenter/agent/v1/agent';
import * as callV1 from '../generated/callcenter/call/v1/call';
import { Channel } from '../generated/callcenter/common/v1/common';
import * as queueV1 from '../generated/callcenter/queue/v1/queue';
import * as routingCommandsV1 from '../generated/callcenter/routing/v1/commands';
import * as routingConfigV1 from '../generated/callcenter/routing/v1/config';
import * as routingEventsV1 from '../generated/callcenter/routing/v1/events';
import * as routingRepliesV1 from '../generated/callcenter/routing/v1/replies';
import type { EventDataByType, EventType } from '../event-types';

const tenantId = 'tenant-acme';
const occurredAt = new Date('2025-03-01T09:15:02.125Z');
const callId = '3f1c2a9e-5b7d-4c61-9a0e-0d2b8f4e6a11';

// Routing: the Moscow branch of the tenant owns the call; an agent of the St Petersburg branch takes overflow.
const mskDomainId = 'tenant-acme/msk';
const spbDomainId = 'tenant-acme/spb';
const commandId = 'cmd-0b9f1d1e';
const claimId = 'claim-1';
/** Fields 1..4 of every configuration event. */
const configChange = (version: number) => ({ tenantId, occurredAt, version, actor: 'supervisor:7' });
/** Fields 1..4 of every routing command. */
const routingCommand = (domainId = mskDomainId) => ({ tenantId, occurredAt, domainId, commandId });
/** Fields 1..4 of every routing log event. */
const routingDecision = (domainId = mskDomainId) => ({ tenantId, occurredAt, domainId, causationId: commandId });

const salesQueue: routingConfigV1.QueueConfig = routingConfigV1.QueueConfig.fromPartial({
  queueId: 'msk-sales',
  branchId: 'msk',
  name: 'Sales (Moscow)',
  channel: Channel.CHANNEL_VOICE,
  requiredSkills: [{ skillId: 'sales', minLevel: 3 }],
  language: 'ru',
  agentGroups: ['team-a'],
  strategy: routingConfigV1.RoutingStrategy.ROUTING_STRATEGY_MOST_SKILLED,
  priority: 50,
  agingPointsPerMinute: 1.5,
  vipPriorityBoost: 20,
  serviceLevel: { thresholdMs: 20_000, targetPercent: 80 },
  shortAbandonMs: 5_000,
  wrapUpMs: 15_000,
  ringTimeoutMs: 15_000,
  stickyAgentWaitMs: 30_000,
  expansion: [
    { afterMs: 60_000, relaxSkillLevels: { minLevel: 1 } },
    { afterMs: 120_000, overflow: { branches: { branchIds: ['spb'] } } },
    { afterMs: 300_000, overflow: { callback: {} } },
  ],
  whenNoAgentLoggedIn: { partner: { partnerId: 'callpro' } },
  whenEstimatedWaitAbove: { thresholdMs: 600_000, action: { voicemail: {} } },
  waitPredictor: routingConfigV1.WaitPredictorChoice.WAIT_PREDICTOR_CHOICE_AUTO,
});

const agentProfile: routingConfigV1.AgentProfile = routingConfigV1.AgentProfile.fromPartial({
  agentId: 'agent-42',
  branchId: 'spb',
  name: 'Agent 42',
  skills: [
    { skillId: 'lang-ru', level: 10 },
    { skillId: 'sales', level: 7 },
  ],
  languages: ['ru', 'en'],
  groups: ['team-a'],
  capacity: [
    { channel: Channel.CHANNEL_VOICE, maxInteractions: 1 },
    { channel: Channel.CHANNEL_CHAT, maxInteractions: 3 },
  ],
});

const interactionRequest: routingCommandsV1.InteractionRequest = routingCommandsV1.InteractionRequest.fromPartial({
  interactionId: callId,
  queueId: 'msk-sales',
  channel: Channel.CHANNEL_VOICE,
  kind: routingCommandsV1.InteractionKind.INTERACTION_KIND_INBOUND,
  customerAddress: '+79161234567',
  customerId: 'crm-1001',
  vip: true,
  language: 'ru',
  extraSkills: [{ skillId: 'lang-ru', minLevel: 5 }],
  priorityBoost: 10,
});

const overflowOffer: routingCommandsV1.OverflowOffer = routingCommandsV1.OverflowOffer.fromPartial({
  interactionId: callId,
  homeDomainId: mskDomainId,
  channel: Channel.CHANNEL_VOICE,
  queueId: 'msk-sales',
  requiredSkills: [{ skillId: 'sales', minLevel: 1 }],
  language: 'ru',
  agentGroups: ['team-a'],
  strategy: routingConfigV1.RoutingStrategy.ROUTING_STRATEGY_MOST_SKILLED,
  priority: 83.25,
  agingPointsPerMinute: 1.5,
  enqueuedAt: new Date('2025-03-01T09:13:00.000Z'),
  customerAddress: '+79161234567',
  customerId: 'crm-1001',
  vip: true,
});

const queueDefined = routingConfigV1.QueueDefined.fromPartial({ ...configChange(12), queue: salesQueue });
const announced = { remainingMs: 90_000, waitedMs: 15_000 };

/** One realistic payload per event type; the mapped type makes the compiler demand every type. */
export function sampleEvents(): { [K in EventType]: EventDataByType[K] } {
  return {
    'cc.call.v1.CallArrived': callV1.CallArrived.fromPartial({
      tenantId,
      occurredAt,
      callId,
      sipCallId: 'a84b4c76e66710@pc33.example.com',
      branchId: 'branch-msk-1',
      channel: Channel.CHANNEL_VOICE,
      direction: callV1.Direction.DIRECTION_INBOUND,
      dialledNumber: '+74950000001',
      callerNumber: '+79161234567',
      callerName: 'Ivan Petrov',
      trunkId: 'trunk-1',
    }),
    'cc.call.v1.CallQueued': callV1.CallQueued.fromPartial({
      tenantId,
      occurredAt,
      callId,
      branchId: 'branch-msk-1',
      queueId: 'billing-ru',
      priority: 5,
      requiredSkills: [
        { skillId: 'billing', minLevel: 3 },
        { skillId: 'lang-ru', minLevel: 1 },
      ],
      language: 'ru',
      position: 4,
      estimatedWaitMs: 90_000,
    }),
    'cc.call.v1.CallLeftQueue': callV1.CallLeftQueue.fromPartial({
      tenantId,
      occurredAt,
      callId,
      branchId: 'branch-msk-1',
      queueId: 'billing-ru',
      reason: callV1.LeaveReason.LEAVE_REASON_OVERFLOWED,
      waitMs: 61_000,
      nextQueueId: 'billing-ru-spb',
    }),
    'cc.call.v1.CallOffered': callV1.CallOffered.fromPartial({
      tenantId,
      occurredAt,
      callId,
      branchId: 'branch-msk-1',
      queueId: 'billing-ru',
      offerId: 'offer-1',
      agentId: 'agent-42',
      agentBranchId: 'branch-spb-1',
      ringTimeoutMs: 15_000,
      attempt: 2,
    }),
    'cc.call.v1.CallAnswered': callV1.CallAnswered.fromPartial({
      tenantId,
      occurredAt,
      callId,
      branchId: 'branch-msk-1',
      queueId: 'billing-ru',
      agentId: 'agent-42',
      offerId: 'offer-1',
      waitMs: 64_500,
      ringMs: 3_500,
    }),
    'cc.call.v1.CallTransferred': callV1.CallTransferred.fromPartial({
      tenantId,
      occurredAt,
      callId,
      branchId: 'branch-msk-1',
      fromAgentId: 'agent-42',
      transferType: callV1.TransferType.TRANSFER_TYPE_ATTENDED,
      target: callV1.TransferTarget.TRANSFER_TARGET_QUEUE,
      targetQueueId: 'second-line',
      talkMs: 120_000,
    }),
    'cc.call.v1.CallAbandoned': callV1.CallAbandoned.fromPartial({
      tenantId,
      occurredAt,
      callId,
      branchId: 'branch-msk-1',
      queueId: 'billing-ru',
      waitMs: 47_000,
      position: 2,
      callerNumber: '+79161234567',
    }),
    'cc.call.v1.CallEnded': callV1.CallEnded.fromPartial({
      tenantId,
      occurredAt,
      callId,
      branchId: 'branch-msk-1',
      cause: callV1.EndCause.END_CAUSE_NORMAL,
      hungUpBy: callV1.Party.PARTY_CUSTOMER,
      talkMs: 245_000,
      holdMs: 30_000,
      waitMs: 64_500,
      durationMs: 352_000,
      agentId: 'agent-42',
      queueId: 'billing-ru',
      sipStatusCode: 200,
    }),
    'cc.agent.v1.AgentLoggedIn': agentV1.AgentLoggedIn.fromPartial({
      tenantId,
      occurredAt,
      agentId: 'agent-42',
      branchId: 'branch-spb-1',
      extension: '4042',
      queueIds: ['billing-ru', 'second-line'],
      skills: [{ skillId: 'billing', level: 7 }],
      languages: ['ru', 'en'],
      channels: [Channel.CHANNEL_VOICE, Channel.CHANNEL_CHAT],
      sessionId: 'session-1',
    }),
    'cc.agent.v1.AgentStateChanged': agentV1.AgentStateChanged.fromPartial({
      tenantId,
      occurredAt,
      agentId: 'agent-42',
      branchId: 'branch-spb-1',
      state: agentV1.AgentState.AGENT_STATE_NOT_READY,
      previousState: agentV1.AgentState.AGENT_STATE_AVAILABLE,
      previousStateSince: new Date('2025-03-01T09:05:00.000Z'),
      previousStateMs: 602_125,
      reasonCode: 'break',
      sessionId: 'session-1',
    }),
    'cc.agent.v1.AgentLoggedOut': agentV1.AgentLoggedOut.fromPartial({
      tenantId,
      occurredAt,
      agentId: 'agent-42',
      branchId: 'branch-spb-1',
      reason: agentV1.LogoutReason.LOGOUT_REASON_AGENT,
      sessionMs: 8 * 3_600_000,
      sessionId: 'session-1',
    }),
    'cc.queue.v1.QueueConfigured': queueV1.QueueConfigured.fromPartial({
      tenantId,
      occurredAt,
      queueId: 'billing-ru',
      branchId: 'branch-msk-1',
      name: 'Billing RU',
      channel: Channel.CHANNEL_VOICE,
      strategy: queueV1.RoutingStrategy.ROUTING_STRATEGY_LONGEST_IDLE,
      serviceLevelTargetPercent: 80,
      serviceLevelThresholdSeconds: 20,
      shortAbandonSeconds: 5,
      wrapUpSeconds: 30,
      maxWaitSeconds: 600,
    }),
    'cc.queue.v1.QueueRemoved': queueV1.QueueRemoved.fromPartial({
      tenantId,
      occurredAt,
      queueId: 'billing-ru',
      branchId: 'branch-msk-1',
    }),
    'cc.routing.v1.TenantDefined': routingConfigV1.TenantDefined.fromPartial({
      ...configChange(1),
      name: 'ACME Insurance',
      currency: 'RUB',
    }),
    'cc.routing.v1.BranchDefined': routingConfigV1.BranchDefined.fromPartial({
      ...configChange(2),
      branch: { branchId: 'msk', name: 'Moscow', timeZone: 'Europe/Moscow' },
    }),
    'cc.routing.v1.SkillDefined': routingConfigV1.SkillDefined.fromPartial({
      ...configChange(3),
      skill: { skillId: 'sales', name: 'Sales' },
    }),
    'cc.routing.v1.PartnerDefined': routingConfigV1.PartnerDefined.fromPartial({
      ...configChange(4),
      partner: { partnerId: 'callpro', name: 'CallPro outsourcing', trunkUri: 'sip:overflow@partner.example.net' },
    }),
    'cc.routing.v1.NotReadyReasonDefined': routingConfigV1.NotReadyReasonDefined.fromPartial({
      ...configChange(5),
      reason: { code: 'lunch', name: 'Lunch break' },
    }),
    'cc.routing.v1.QueueDefined': queueDefined,
    'cc.routing.v1.QueueRemoved': routingConfigV1.QueueRemoved.fromPartial({ ...configChange(13), queueId: 'msk-old' }),
    'cc.routing.v1.AgentDefined': routingConfigV1.AgentDefined.fromPartial({
      ...configChange(14),
      agent: agentProfile,
    }),
    'cc.routing.v1.AgentRemoved': routingConfigV1.AgentRemoved.fromPartial({ ...configChange(15), agentId: 'agent-9' }),
    'cc.routing.v1.AgentSkillsChanged': routingConfigV1.AgentSkillsChanged.fromPartial({
      ...configChange(16),
      agentId: 'agent-42',
      skills: [
        { skillId: 'billing', level: 4 },
        { skillId: 'sales', level: 8 },
      ],
    }),
    'cc.routing.v1.AgentGroupsChanged': routingConfigV1.AgentGroupsChanged.fromPartial({
      ...configChange(17),
      agentId: 'agent-42',
      groups: ['team-a', 'night-shift'],
    }),
    'cc.routing.v1.LogInAgent': routingCommandsV1.LogInAgent.fromPartial({
      ...routingCommand(spbDomainId),
      agentId: 'agent-42',
      extension: '4042',
      initialState: agentV1.AgentState.AGENT_STATE_NOT_READY,
    }),
    'cc.routing.v1.LogOutAgent': routingCommandsV1.LogOutAgent.fromPartial({
      ...routingCommand(spbDomainId),
      agentId: 'agent-42',
    }),
    'cc.routing.v1.MakeAgentReady': routingCommandsV1.MakeAgentReady.fromPartial({
      ...routingCommand(spbDomainId),
      agentId: 'agent-42',
    }),
    'cc.routing.v1.MakeAgentNotReady': routingCommandsV1.MakeAgentNotReady.fromPartial({
      ...routingCommand(spbDomainId),
      agentId: 'agent-42',
      reasonCode: 'lunch',
    }),
    'cc.routing.v1.QueueInteraction': routingCommandsV1.QueueInteraction.fromPartial({
      ...routingCommand(),
      interaction: interactionRequest,
    }),
    'cc.routing.v1.AcceptOffer': routingCommandsV1.AcceptOffer.fromPartial({
      ...routingCommand(spbDomainId),
      interactionId: callId,
      agentId: 'agent-42',
    }),
    'cc.routing.v1.RejectOffer': routingCommandsV1.RejectOffer.fromPartial({
      ...routingCommand(spbDomainId),
      interactionId: callId,
      agentId: 'agent-42',
    }),
    'cc.routing.v1.AbandonInteraction': routingCommandsV1.AbandonInteraction.fromPartial({
      ...routingCommand(),
      interactionId: callId,
    }),
    'cc.routing.v1.CompleteInteraction': routingCommandsV1.CompleteInteraction.fromPartial({
      ...routingCommand(),
      interactionId: callId,
    }),
    'cc.routing.v1.RequestCallback': routingCommandsV1.RequestCallback.fromPartial({
      ...routingCommand(),
      interactionId: callId,
      callbackAddress: '+79169876543',
    }),
    'cc.routing.v1.AnnounceWait': routingCommandsV1.AnnounceWait.fromPartial({
      ...routingCommand(),
      interactionId: callId,
    }),
    'cc.routing.v1.AdvanceTime': routingCommandsV1.AdvanceTime.fromPartial(routingCommand()),
    'cc.routing.v1.ApplyConfig': routingCommandsV1.ApplyConfig.fromPartial({
      ...routingCommand(),
      event: { queueDefined },
    }),
    'cc.routing.v1.ReceiveOverflowOffer': routingCommandsV1.ReceiveOverflowOffer.fromPartial({
      ...routingCommand(spbDomainId),
      offer: overflowOffer,
    }),
    'cc.routing.v1.ReceiveOverflowWithdrawal': routingCommandsV1.ReceiveOverflowWithdrawal.fromPartial({
      ...routingCommand(spbDomainId),
      interactionId: callId,
      homeDomainId: mskDomainId,
    }),
    'cc.routing.v1.ReceiveAgentClaim': routingCommandsV1.ReceiveAgentClaim.fromPartial({
      ...routingCommand(),
      claimId,
      interactionId: callId,
      agentId: 'agent-42',
      agentDomainId: spbDomainId,
    }),
    'cc.routing.v1.ReceiveClaimDecision': routingCommandsV1.ReceiveClaimDecision.fromPartial({
      ...routingCommand(spbDomainId),
      homeDomainId: mskDomainId,
      claimId,
      interactionId: callId,
      agentId: 'agent-42',
      granted: true,
      ringTimeoutMs: 15_000,
    }),
    'cc.routing.v1.ReceiveRemoteOfferOutcome': routingCommandsV1.ReceiveRemoteOfferOutcome.fromPartial({
      ...routingCommand(),
      interactionId: callId,
      agentId: 'agent-42',
      agentDomainId: spbDomainId,
      outcome: routingCommandsV1.RemoteOfferOutcome.REMOTE_OFFER_OUTCOME_ACCEPTED,
    }),
    'cc.routing.v1.ReceiveRemoteCompletion': routingCommandsV1.ReceiveRemoteCompletion.fromPartial({
      ...routingCommand(spbDomainId),
      homeDomainId: mskDomainId,
      interactionId: callId,
      agentId: 'agent-42',
      wrapUpMs: 15_000,
    }),
    'cc.routing.v1.ConfigApplied': routingEventsV1.ConfigApplied.fromPartial({
      ...routingDecision(),
      event: { queueDefined },
    }),
    'cc.routing.v1.AgentLoggedIn': routingEventsV1.AgentLoggedIn.fromPartial({
      ...routingDecision(spbDomainId),
      agentId: 'agent-42',
      extension: '4042',
    }),
    'cc.routing.v1.AgentLoggedOut': routingEventsV1.AgentLoggedOut.fromPartial({
      ...routingDecision(spbDomainId),
      agentId: 'agent-42',
    }),
    'cc.routing.v1.AgentStateChanged': routingEventsV1.AgentStateChanged.fromPartial({
      ...routingDecision(spbDomainId),
      agentId: 'agent-42',
      previousState: agentV1.AgentState.AGENT_STATE_BUSY,
      state: agentV1.AgentState.AGENT_STATE_WRAP_UP,
      previousStateMs: 245_000,
      until: new Date('2025-03-01T09:15:17.125Z'),
    }),
    'cc.routing.v1.AgentNotReadyPending': routingEventsV1.AgentNotReadyPending.fromPartial({
      ...routingDecision(spbDomainId),
      agentId: 'agent-42',
      reasonCode: 'lunch',
    }),
    'cc.routing.v1.InteractionQueued': routingEventsV1.InteractionQueued.fromPartial({
      ...routingDecision(),
      interaction: interactionRequest,
      enqueuedAt: occurredAt,
      position: 4,
      estimate: { remainingMs: 90_000, waitedMs: 0 },
      predictor: routingEventsV1.WaitPredictor.WAIT_PREDICTOR_QUEUE_LENGTH,
      unbounded: false,
      predictions: [
        { predictor: routingEventsV1.WaitPredictor.WAIT_PREDICTOR_QUEUE_LENGTH, remainingMs: 84_200 },
        { predictor: routingEventsV1.WaitPredictor.WAIT_PREDICTOR_HEAD_OF_LINE, remainingMs: 101_000 },
        { predictor: routingEventsV1.WaitPredictor.WAIT_PREDICTOR_LAST_TO_ENTER_SERVICE, remainingMs: 75_500 },
      ],
      preferredAgentId: 'agent-7',
      preferredUntil: new Date('2025-03-01T09:15:32.125Z'),
    }),
    'cc.routing.v1.InteractionOffered': routingEventsV1.InteractionOffered.fromPartial({
      ...routingDecision(),
      interactionId: callId,
      queueId: 'msk-sales',
      agentId: 'agent-7',
      agentDomainId: mskDomainId,
      offerId: 'offer-1',
      ringDeadline: new Date('2025-03-01T09:15:17.125Z'),
      waitedMs: 61_000,
    }),
    'cc.routing.v1.OfferAccepted': routingEventsV1.OfferAccepted.fromPartial({
      ...routingDecision(),
      interactionId: callId,
      queueId: 'msk-sales',
      agentId: 'agent-7',
      offerId: 'offer-1',
      waitMs: 64_500,
    }),
    'cc.routing.v1.OfferRejected': routingEventsV1.OfferRejected.fromPartial({
      ...routingDecision(),
      interactionId: callId,
      agentId: 'agent-7',
      offerId: 'offer-1',
    }),
    'cc.routing.v1.OfferTimedOut': routingEventsV1.OfferTimedOut.fromPartial({
      ...routingDecision(),
      interactionId: callId,
      agentId: 'agent-7',
      offerId: 'offer-1',
    }),
    'cc.routing.v1.InteractionAbandoned': routingEventsV1.InteractionAbandoned.fromPartial({
      ...routingDecision(),
      interactionId: callId,
      queueId: 'msk-sales',
      waitMs: 47_000,
      position: 2,
      shortAbandon: false,
    }),
    'cc.routing.v1.InteractionCompleted': routingEventsV1.InteractionCompleted.fromPartial({
      ...routingDecision(),
      interactionId: callId,
      queueId: 'msk-sales',
      agentId: 'agent-7',
      handleMs: 245_000,
    }),
    'cc.routing.v1.TargetsExpanded': routingEventsV1.TargetsExpanded.fromPartial({
      ...routingDecision(),
      interactionId: callId,
      step: 1,
      requiredSkills: [{ skillId: 'sales', minLevel: 1 }],
      branchIds: ['spb'],
    }),
    'cc.routing.v1.InteractionOverflowed': routingEventsV1.InteractionOverflowed.fromPartial({
      ...routingDecision(),
      interactionId: callId,
      fromQueueId: 'msk-sales',
      action: { partner: { partnerId: 'callpro' } },
      reason: routingEventsV1.OverflowReason.OVERFLOW_REASON_NO_AGENT_LOGGED_IN,
      trunkUri: 'sip:overflow@partner.example.net',
    }),
    'cc.routing.v1.CallbackOffered': routingEventsV1.CallbackOffered.fromPartial({
      ...routingDecision(),
      interactionId: callId,
    }),
    'cc.routing.v1.CallbackRequested': routingEventsV1.CallbackRequested.fromPartial({
      ...routingDecision(),
      interactionId: callId,
      callbackInteractionId: `${callId}:callback`,
      callbackAddress: '+79169876543',
      queueId: 'msk-sales',
    }),
    'cc.routing.v1.WaitAnnounced': routingEventsV1.WaitAnnounced.fromPartial({
      ...routingDecision(),
      interactionId: callId,
      position: 3,
      estimate: announced,
      predictor: routingEventsV1.WaitPredictor.WAIT_PREDICTOR_HEAD_OF_LINE,
      unbounded: false,
    }),
    'cc.routing.v1.OverflowOfferSent': routingEventsV1.OverflowOfferSent.fromPartial({
      ...routingDecision(),
      toDomainId: spbDomainId,
      offer: overflowOffer,
    }),
    'cc.routing.v1.OverflowOfferWithdrawn': routingEventsV1.OverflowOfferWithdrawn.fromPartial({
      ...routingDecision(),
      toDomainId: spbDomainId,
      interactionId: callId,
    }),
    'cc.routing.v1.RemoteOfferReceived': routingEventsV1.RemoteOfferReceived.fromPartial({
      ...routingDecision(spbDomainId),
      offer: overflowOffer,
    }),
    'cc.routing.v1.RemoteOfferDropped': routingEventsV1.RemoteOfferDropped.fromPartial({
      ...routingDecision(spbDomainId),
      interactionId: callId,
      homeDomainId: mskDomainId,
    }),
    'cc.routing.v1.AgentClaimed': routingEventsV1.AgentClaimed.fromPartial({
      ...routingDecision(spbDomainId),
      toDomainId: mskDomainId,
      claimId,
      interactionId: callId,
      agentId: 'agent-42',
      claimDeadline: new Date('2025-03-01T09:15:07.125Z'),
    }),
    'cc.routing.v1.ClaimDecided': routingEventsV1.ClaimDecided.fromPartial({
      ...routingDecision(),
      toDomainId: spbDomainId,
      claimId,
      interactionId: callId,
      agentId: 'agent-42',
      granted: true,
      ringTimeoutMs: 15_000,
    }),
    'cc.routing.v1.RemoteOfferRinging': routingEventsV1.RemoteOfferRinging.fromPartial({
      ...routingDecision(spbDomainId),
      claimId,
      interactionId: callId,
      agentId: 'agent-42',
      ringDeadline: new Date('2025-03-01T09:15:17.125Z'),
    }),
    'cc.routing.v1.ClaimReleased': routingEventsV1.ClaimReleased.fromPartial({
      ...routingDecision(spbDomainId),
      claimId,
      interactionId: callId,
      agentId: 'agent-42',
    }),
    'cc.routing.v1.RemoteOfferAnswered': routingEventsV1.RemoteOfferAnswered.fromPartial({
      ...routingDecision(spbDomainId),
      toDomainId: mskDomainId,
      interactionId: callId,
      agentId: 'agent-42',
      outcome: routingCommandsV1.RemoteOfferOutcome.REMOTE_OFFER_OUTCOME_ACCEPTED,
    }),
    'cc.routing.v1.RemoteCompletionSent': routingEventsV1.RemoteCompletionSent.fromPartial({
      ...routingDecision(),
      toDomainId: spbDomainId,
      interactionId: callId,
      agentId: 'agent-42',
      wrapUpMs: 15_000,
    }),
    'cc.routing.v1.ChangeConfig': routingCommandsV1.ChangeConfig.fromPartial({
      tenantId,
      occurredAt,
      domainId: tenantId,
      commandId: 'cmd-config-7',
      actor: 'supervisor:7',
      expectedVersion: 11,
      defineQueue: salesQueue,
    }),
    'cc.routing.v1.CommandReply': routingRepliesV1.CommandReply.fromPartial({
      tenantId,
      occurredAt,
      domainId: mskDomainId,
      commandId: 'cmd-42',
      accepted: true,
      eventCount: 2,
      agent: { agentId: 'agent-42', branchId: 'msk', state: agentV1.AgentState.AGENT_STATE_AVAILABLE, since: occurredAt },
    }),
    'cc.routing.v1.LogPartitionClaimed': routingEventsV1.LogPartitionClaimed.fromPartial({
      tenantId: '',
      occurredAt,
      partition: 7,
      instanceId: 'routing-0',
      token: 'routing-0:7:1',
    }),
    'cc.routing.v1.ConfigPartitionClaimed': routingConfigV1.ConfigPartitionClaimed.fromPartial({
      tenantId: '',
      occurredAt,
      partition: 7,
      instanceId: 'routing-0',
      token: 'routing-0:7:1',
    }),
  };
}
