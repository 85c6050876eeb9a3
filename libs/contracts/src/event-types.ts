/**
 * Registry of the event types: for each CloudEvents type, its topic, protobuf codec, subject and partition key.
 * Producers encode through it and consumers decode through it, so a type can only ever appear on its own topic.
 * The commands of cc.routing.commands.v1 are registered the same way (same envelope, `cc.routing.v1.<Command>`).
 */
import * as agentV1 from './generated/callcenter/agent/v1/agent';
import * as callV1 from './generated/callcenter/call/v1/call';
import * as queueV1 from './generated/callcenter/queue/v1/queue';
import * as routingCommandsV1 from './generated/callcenter/routing/v1/commands';
import * as routingConfigV1 from './generated/callcenter/routing/v1/config';
import * as routingEventsV1 from './generated/callcenter/routing/v1/events';
import * as routingRepliesV1 from './generated/callcenter/routing/v1/replies';
import * as sipV1 from './generated/callcenter/sip/v1/sip';
import {
  AGENT_LIFECYCLE_TOPIC,
  CALL_LIFECYCLE_TOPIC,
  QUEUE_CONFIG_TOPIC,
  ROUTING_COMMANDS_TOPIC,
  ROUTING_CONFIG_TOPIC,
  ROUTING_LOG_TOPIC,
  ROUTING_REPLIES_TOPIC,
  SIP_LEGS_TOPIC,
  SIP_REGISTRATIONS_TOPIC,
} from './topics';

/** How to carry one event type on Kafka. */
export interface EventDefinition<T> {
  /** CloudEvents type (header ce_type), `cc.<area>.v<N>.<Message>`, e.g. "cc.call.v1.CallArrived". */
  readonly type: string;
  /** Fully qualified protobuf message name of the payload, e.g. "callcenter.call.v1.CallArrived". */
  readonly protoName: string;
  /** Topic the event is published on. */
  readonly topic: string;
  /** Protobuf-encodes a payload. */
  encode(data: T): Uint8Array;
  /** Decodes a protobuf payload; throws on malformed bytes. */
  decode(bytes: Uint8Array): T;
  /** CloudEvents subject (header ce_subject): the id of the thing the event is about, e.g. the call id. */
  subject(data: T): string;
  /** Kafka message key (partition key): events with the same key keep their order. */
  key(data: T): string;
}

/** The part of a ts-proto message codec the registry needs. */
interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

function defineEvent<T>(
  area: string,
  version: string,
  message: string,
  topic: string,
  codec: MessageCodec<T>,
  id: (data: T) => string,
): EventDefinition<T> {
  return {
    type: `cc.${area}.${version}.${message}`,
    protoName: `callcenter.${area}.${version}.${message}`,
    topic,
    encode: (data) => codec.encode(data).finish(),
    decode: (bytes) => codec.decode(bytes),
    subject: id,
    key: id,
  };
}

const callId = (data: { callId: string }): string => data.callId;
const agentId = (data: { agentId: string }): string => data.agentId;
const queueId = (data: { queueId: string }): string => data.queueId;
const tenantKey = (data: { tenantId: string }): string => data.tenantId;
const domainId = (data: { domainId: string }): string => data.domainId;

// Call lifecycle: subject and key are the call id.
export const CallArrivedEvent = defineEvent(
  'call',
  'v1',
  'CallArrived',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallArrived,
  callId,
);
export const CallQueuedEvent = defineEvent('call', 'v1', 'CallQueued', CALL_LIFECYCLE_TOPIC, callV1.CallQueued, callId);
export const CallLeftQueueEvent = defineEvent(
  'call',
  'v1',
  'CallLeftQueue',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallLeftQueue,
  callId,
);
export const CallOfferedEvent = defineEvent(
  'call',
  'v1',
  'CallOffered',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallOffered,
  callId,
);
export const CallAnsweredEvent = defineEvent(
  'call',
  'v1',
  'CallAnswered',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallAnswered,
  callId,
);
export const CallTransferredEvent = defineEvent(
  'call',
  'v1',
  'CallTransferred',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallTransferred,
  callId,
);
export const CallAbandonedEvent = defineEvent(
  'call',
  'v1',
  'CallAbandoned',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallAbandoned,
  callId,
);
export const CallEndedEvent = defineEvent('call', 'v1', 'CallEnded', CALL_LIFECYCLE_TOPIC, callV1.CallEnded, callId);
export const CallRingingEvent = defineEvent(
  'call',
  'v1',
  'CallRinging',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallRinging,
  callId,
);
export const CallBridgedEvent = defineEvent(
  'call',
  'v1',
  'CallBridged',
  CALL_LIFECYCLE_TOPIC,
  callV1.CallBridged,
  callId,
);

// SIP ingress: legs keyed by the call id, registrations by "<tenant>/<agent>".
const registrationKey = (data: { tenantId: string; agentId: string }): string => `${data.tenantId}/${data.agentId}`;
export const SipLegStartedEvent = defineEvent('sip', 'v1', 'LegStarted', SIP_LEGS_TOPIC, sipV1.LegStarted, callId);
export const SipLegRingingEvent = defineEvent('sip', 'v1', 'LegRinging', SIP_LEGS_TOPIC, sipV1.LegRinging, callId);
export const SipLegAnsweredEvent = defineEvent('sip', 'v1', 'LegAnswered', SIP_LEGS_TOPIC, sipV1.LegAnswered, callId);
export const SipLegEndedEvent = defineEvent('sip', 'v1', 'LegEnded', SIP_LEGS_TOPIC, sipV1.LegEnded, callId);
export const SipPhoneRegistrationChangedEvent = defineEvent(
  'sip',
  'v1',
  'PhoneRegistrationChanged',
  SIP_REGISTRATIONS_TOPIC,
  sipV1.PhoneRegistrationChanged,
  registrationKey,
);

// Agent lifecycle: subject and key are the agent id.
export const AgentLoggedInEvent = defineEvent(
  'agent',
  'v1',
  'AgentLoggedIn',
  AGENT_LIFECYCLE_TOPIC,
  agentV1.AgentLoggedIn,
  agentId,
);
export const AgentStateChangedEvent = defineEvent(
  'agent',
  'v1',
  'AgentStateChanged',
  AGENT_LIFECYCLE_TOPIC,
  agentV1.AgentStateChanged,
  agentId,
);
export const AgentLoggedOutEvent = defineEvent(
  'agent',
  'v1',
  'AgentLoggedOut',
  AGENT_LIFECYCLE_TOPIC,
  agentV1.AgentLoggedOut,
  agentId,
);

// Queue configuration: subject and key are the queue id.
export const QueueConfiguredEvent = defineEvent(
  'queue',
  'v1',
  'QueueConfigured',
  QUEUE_CONFIG_TOPIC,
  queueV1.QueueConfigured,
  queueId,
);
export const QueueRemovedEvent = defineEvent(
  'queue',
  'v1',
  'QueueRemoved',
  QUEUE_CONFIG_TOPIC,
  queueV1.QueueRemoved,
  queueId,
);

// Routing configuration: subject and key are the tenant id (one version sequence per tenant).
export const RoutingTenantDefinedEvent = defineEvent(
  'routing',
  'v1',
  'TenantDefined',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.TenantDefined,
  tenantKey,
);
export const RoutingBranchDefinedEvent = defineEvent(
  'routing',
  'v1',
  'BranchDefined',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.BranchDefined,
  tenantKey,
);
export const RoutingSkillDefinedEvent = defineEvent(
  'routing',
  'v1',
  'SkillDefined',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.SkillDefined,
  tenantKey,
);
export const RoutingPartnerDefinedEvent = defineEvent(
  'routing',
  'v1',
  'PartnerDefined',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.PartnerDefined,
  tenantKey,
);
export const RoutingNotReadyReasonDefinedEvent = defineEvent(
  'routing',
  'v1',
  'NotReadyReasonDefined',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.NotReadyReasonDefined,
  tenantKey,
);
export const RoutingQueueDefinedEvent = defineEvent(
  'routing',
  'v1',
  'QueueDefined',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.QueueDefined,
  tenantKey,
);
export const RoutingQueueRemovedEvent = defineEvent(
  'routing',
  'v1',
  'QueueRemoved',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.QueueRemoved,
  tenantKey,
);
export const RoutingAgentDefinedEvent = defineEvent(
  'routing',
  'v1',
  'AgentDefined',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.AgentDefined,
  tenantKey,
);
export const RoutingAgentRemovedEvent = defineEvent(
  'routing',
  'v1',
  'AgentRemoved',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.AgentRemoved,
  tenantKey,
);
export const RoutingAgentSkillsChangedEvent = defineEvent(
  'routing',
  'v1',
  'AgentSkillsChanged',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.AgentSkillsChanged,
  tenantKey,
);
export const RoutingAgentGroupsChangedEvent = defineEvent(
  'routing',
  'v1',
  'AgentGroupsChanged',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.AgentGroupsChanged,
  tenantKey,
);

// Routing commands: subject and key are the routing domain id "<tenant>/<branch>" that must decide them.
export const RoutingLogInAgentCommand = defineEvent(
  'routing',
  'v1',
  'LogInAgent',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.LogInAgent,
  domainId,
);
export const RoutingLogOutAgentCommand = defineEvent(
  'routing',
  'v1',
  'LogOutAgent',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.LogOutAgent,
  domainId,
);
export const RoutingMakeAgentReadyCommand = defineEvent(
  'routing',
  'v1',
  'MakeAgentReady',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.MakeAgentReady,
  domainId,
);
export const RoutingMakeAgentNotReadyCommand = defineEvent(
  'routing',
  'v1',
  'MakeAgentNotReady',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.MakeAgentNotReady,
  domainId,
);
export const RoutingQueueInteractionCommand = defineEvent(
  'routing',
  'v1',
  'QueueInteraction',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.QueueInteraction,
  domainId,
);
export const RoutingAcceptOfferCommand = defineEvent(
  'routing',
  'v1',
  'AcceptOffer',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.AcceptOffer,
  domainId,
);
export const RoutingRejectOfferCommand = defineEvent(
  'routing',
  'v1',
  'RejectOffer',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.RejectOffer,
  domainId,
);
export const RoutingAbandonInteractionCommand = defineEvent(
  'routing',
  'v1',
  'AbandonInteraction',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.AbandonInteraction,
  domainId,
);
export const RoutingCompleteInteractionCommand = defineEvent(
  'routing',
  'v1',
  'CompleteInteraction',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.CompleteInteraction,
  domainId,
);
export const RoutingRequestCallbackCommand = defineEvent(
  'routing',
  'v1',
  'RequestCallback',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.RequestCallback,
  domainId,
);
export const RoutingAnnounceWaitCommand = defineEvent(
  'routing',
  'v1',
  'AnnounceWait',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.AnnounceWait,
  domainId,
);
export const RoutingAdvanceTimeCommand = defineEvent(
  'routing',
  'v1',
  'AdvanceTime',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.AdvanceTime,
  domainId,
);
export const RoutingApplyConfigCommand = defineEvent(
  'routing',
  'v1',
  'ApplyConfig',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.ApplyConfig,
  domainId,
);
export const RoutingReceiveOverflowOfferCommand = defineEvent(
  'routing',
  'v1',
  'ReceiveOverflowOffer',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.ReceiveOverflowOffer,
  domainId,
);
export const RoutingReceiveOverflowWithdrawalCommand = defineEvent(
  'routing',
  'v1',
  'ReceiveOverflowWithdrawal',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.ReceiveOverflowWithdrawal,
  domainId,
);
export const RoutingReceiveAgentClaimCommand = defineEvent(
  'routing',
  'v1',
  'ReceiveAgentClaim',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.ReceiveAgentClaim,
  domainId,
);
export const RoutingReceiveClaimDecisionCommand = defineEvent(
  'routing',
  'v1',
  'ReceiveClaimDecision',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.ReceiveClaimDecision,
  domainId,
);
export const RoutingReceiveRemoteOfferOutcomeCommand = defineEvent(
  'routing',
  'v1',
  'ReceiveRemoteOfferOutcome',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.ReceiveRemoteOfferOutcome,
  domainId,
);
export const RoutingReceiveRemoteCompletionCommand = defineEvent(
  'routing',
  'v1',
  'ReceiveRemoteCompletion',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.ReceiveRemoteCompletion,
  domainId,
);

// Routing log: subject and key are the routing domain id "<tenant>/<branch>" that decided them.
export const RoutingConfigAppliedEvent = defineEvent(
  'routing',
  'v1',
  'ConfigApplied',
  ROUTING_LOG_TOPIC,
  routingEventsV1.ConfigApplied,
  domainId,
);
export const RoutingAgentLoggedInEvent = defineEvent(
  'routing',
  'v1',
  'AgentLoggedIn',
  ROUTING_LOG_TOPIC,
  routingEventsV1.AgentLoggedIn,
  domainId,
);
export const RoutingAgentLoggedOutEvent = defineEvent(
  'routing',
  'v1',
  'AgentLoggedOut',
  ROUTING_LOG_TOPIC,
  routingEventsV1.AgentLoggedOut,
  domainId,
);
export const RoutingAgentStateChangedEvent = defineEvent(
  'routing',
  'v1',
  'AgentStateChanged',
  ROUTING_LOG_TOPIC,
  routingEventsV1.AgentStateChanged,
  domainId,
);
export const RoutingAgentNotReadyPendingEvent = defineEvent(
  'routing',
  'v1',
  'AgentNotReadyPending',
  ROUTING_LOG_TOPIC,
  routingEventsV1.AgentNotReadyPending,
  domainId,
);
export const RoutingInteractionQueuedEvent = defineEvent(
  'routing',
  'v1',
  'InteractionQueued',
  ROUTING_LOG_TOPIC,
  routingEventsV1.InteractionQueued,
  domainId,
);
export const RoutingInteractionOfferedEvent = defineEvent(
  'routing',
  'v1',
  'InteractionOffered',
  ROUTING_LOG_TOPIC,
  routingEventsV1.InteractionOffered,
  domainId,
);
export const RoutingOfferAcceptedEvent = defineEvent(
  'routing',
  'v1',
  'OfferAccepted',
  ROUTING_LOG_TOPIC,
  routingEventsV1.OfferAccepted,
  domainId,
);
export const RoutingOfferRejectedEvent = defineEvent(
  'routing',
  'v1',
  'OfferRejected',
  ROUTING_LOG_TOPIC,
  routingEventsV1.OfferRejected,
  domainId,
);
export const RoutingOfferTimedOutEvent = defineEvent(
  'routing',
  'v1',
  'OfferTimedOut',
  ROUTING_LOG_TOPIC,
  routingEventsV1.OfferTimedOut,
  domainId,
);
export const RoutingInteractionAbandonedEvent = defineEvent(
  'routing',
  'v1',
  'InteractionAbandoned',
  ROUTING_LOG_TOPIC,
  routingEventsV1.InteractionAbandoned,
  domainId,
);
export const RoutingInteractionCompletedEvent = defineEvent(
  'routing',
  'v1',
  'InteractionCompleted',
  ROUTING_LOG_TOPIC,
  routingEventsV1.InteractionCompleted,
  domainId,
);
export const RoutingTargetsExpandedEvent = defineEvent(
  'routing',
  'v1',
  'TargetsExpanded',
  ROUTING_LOG_TOPIC,
  routingEventsV1.TargetsExpanded,
  domainId,
);
export const RoutingInteractionOverflowedEvent = defineEvent(
  'routing',
  'v1',
  'InteractionOverflowed',
  ROUTING_LOG_TOPIC,
  routingEventsV1.InteractionOverflowed,
  domainId,
);
export const RoutingCallbackOfferedEvent = defineEvent(
  'routing',
  'v1',
  'CallbackOffered',
  ROUTING_LOG_TOPIC,
  routingEventsV1.CallbackOffered,
  domainId,
);
export const RoutingCallbackRequestedEvent = defineEvent(
  'routing',
  'v1',
  'CallbackRequested',
  ROUTING_LOG_TOPIC,
  routingEventsV1.CallbackRequested,
  domainId,
);
export const RoutingWaitAnnouncedEvent = defineEvent(
  'routing',
  'v1',
  'WaitAnnounced',
  ROUTING_LOG_TOPIC,
  routingEventsV1.WaitAnnounced,
  domainId,
);
export const RoutingOverflowOfferSentEvent = defineEvent(
  'routing',
  'v1',
  'OverflowOfferSent',
  ROUTING_LOG_TOPIC,
  routingEventsV1.OverflowOfferSent,
  domainId,
);
export const RoutingOverflowOfferWithdrawnEvent = defineEvent(
  'routing',
  'v1',
  'OverflowOfferWithdrawn',
  ROUTING_LOG_TOPIC,
  routingEventsV1.OverflowOfferWithdrawn,
  domainId,
);
export const RoutingRemoteOfferReceivedEvent = defineEvent(
  'routing',
  'v1',
  'RemoteOfferReceived',
  ROUTING_LOG_TOPIC,
  routingEventsV1.RemoteOfferReceived,
  domainId,
);
export const RoutingRemoteOfferDroppedEvent = defineEvent(
  'routing',
  'v1',
  'RemoteOfferDropped',
  ROUTING_LOG_TOPIC,
  routingEventsV1.RemoteOfferDropped,
  domainId,
);
export const RoutingAgentClaimedEvent = defineEvent(
  'routing',
  'v1',
  'AgentClaimed',
  ROUTING_LOG_TOPIC,
  routingEventsV1.AgentClaimed,
  domainId,
);
export const RoutingClaimDecidedEvent = defineEvent(
  'routing',
  'v1',
  'ClaimDecided',
  ROUTING_LOG_TOPIC,
  routingEventsV1.ClaimDecided,
  domainId,
);
export const RoutingRemoteOfferRingingEvent = defineEvent(
  'routing',
  'v1',
  'RemoteOfferRinging',
  ROUTING_LOG_TOPIC,
  routingEventsV1.RemoteOfferRinging,
  domainId,
);
export const RoutingClaimReleasedEvent = defineEvent(
  'routing',
  'v1',
  'ClaimReleased',
  ROUTING_LOG_TOPIC,
  routingEventsV1.ClaimReleased,
  domainId,
);
export const RoutingRemoteOfferAnsweredEvent = defineEvent(
  'routing',
  'v1',
  'RemoteOfferAnswered',
  ROUTING_LOG_TOPIC,
  routingEventsV1.RemoteOfferAnswered,
  domainId,
);
export const RoutingRemoteCompletionSentEvent = defineEvent(
  'routing',
  'v1',
  'RemoteCompletionSent',
  ROUTING_LOG_TOPIC,
  routingEventsV1.RemoteCompletionSent,
  domainId,
);

// A tenant's configuration change: keyed by the tenant id (the domain of configuration changes).
export const RoutingChangeConfigCommand = defineEvent(
  'routing',
  'v1',
  'ChangeConfig',
  ROUTING_COMMANDS_TOPIC,
  routingCommandsV1.ChangeConfig,
  domainId,
);

// Replies to routing commands: keyed like the command.
export const RoutingCommandReply = defineEvent(
  'routing',
  'v1',
  'CommandReply',
  ROUTING_REPLIES_TOPIC,
  routingRepliesV1.CommandReply,
  domainId,
);

// Takeover markers of a partition; the publisher picks a key that lands on the partition taken over.
const claimedPartition = (data: { partition: number }): string => `partition-${data.partition}`;
export const RoutingLogPartitionClaimedEvent = defineEvent(
  'routing',
  'v1',
  'LogPartitionClaimed',
  ROUTING_LOG_TOPIC,
  routingEventsV1.LogPartitionClaimed,
  claimedPartition,
);
export const RoutingConfigPartitionClaimedEvent = defineEvent(
  'routing',
  'v1',
  'ConfigPartitionClaimed',
  ROUTING_CONFIG_TOPIC,
  routingConfigV1.ConfigPartitionClaimed,
  claimedPartition,
);

/** Payload type of each event type, for typed consumers (`switch (event.type)` over {@link ContractEvent}). */
export interface EventDataByType {
  'cc.call.v1.CallArrived': callV1.CallArrived;
  'cc.call.v1.CallQueued': callV1.CallQueued;
  'cc.call.v1.CallLeftQueue': callV1.CallLeftQueue;
  'cc.call.v1.CallOffered': callV1.CallOffered;
  'cc.call.v1.CallAnswered': callV1.CallAnswered;
  'cc.call.v1.CallTransferred': callV1.CallTransferred;
  'cc.call.v1.CallAbandoned': callV1.CallAbandoned;
  'cc.call.v1.CallEnded': callV1.CallEnded;
  'cc.call.v1.CallRinging': callV1.CallRinging;
  'cc.call.v1.CallBridged': callV1.CallBridged;
  'cc.sip.v1.LegStarted': sipV1.LegStarted;
  'cc.sip.v1.LegRinging': sipV1.LegRinging;
  'cc.sip.v1.LegAnswered': sipV1.LegAnswered;
  'cc.sip.v1.LegEnded': sipV1.LegEnded;
  'cc.sip.v1.PhoneRegistrationChanged': sipV1.PhoneRegistrationChanged;
  'cc.agent.v1.AgentLoggedIn': agentV1.AgentLoggedIn;
  'cc.agent.v1.AgentStateChanged': agentV1.AgentStateChanged;
  'cc.agent.v1.AgentLoggedOut': agentV1.AgentLoggedOut;
  'cc.queue.v1.QueueConfigured': queueV1.QueueConfigured;
  'cc.queue.v1.QueueRemoved': queueV1.QueueRemoved;
  'cc.routing.v1.TenantDefined': routingConfigV1.TenantDefined;
  'cc.routing.v1.BranchDefined': routingConfigV1.BranchDefined;
  'cc.routing.v1.SkillDefined': routingConfigV1.SkillDefined;
  'cc.routing.v1.PartnerDefined': routingConfigV1.PartnerDefined;
  'cc.routing.v1.NotReadyReasonDefined': routingConfigV1.NotReadyReasonDefined;
  'cc.routing.v1.QueueDefined': routingConfigV1.QueueDefined;
  'cc.routing.v1.QueueRemoved': routingConfigV1.QueueRemoved;
  'cc.routing.v1.AgentDefined': routingConfigV1.AgentDefined;
  'cc.routing.v1.AgentRemoved': routingConfigV1.AgentRemoved;
  'cc.routing.v1.AgentSkillsChanged': routingConfigV1.AgentSkillsChanged;
  'cc.routing.v1.AgentGroupsChanged': routingConfigV1.AgentGroupsChanged;
  'cc.routing.v1.LogInAgent': routingCommandsV1.LogInAgent;
  'cc.routing.v1.LogOutAgent': routingCommandsV1.LogOutAgent;
  'cc.routing.v1.MakeAgentReady': routingCommandsV1.MakeAgentReady;
  'cc.routing.v1.MakeAgentNotReady': routingCommandsV1.MakeAgentNotReady;
  'cc.routing.v1.QueueInteraction': routingCommandsV1.QueueInteraction;
  'cc.routing.v1.AcceptOffer': routingCommandsV1.AcceptOffer;
  'cc.routing.v1.RejectOffer': routingCommandsV1.RejectOffer;
  'cc.routing.v1.AbandonInteraction': routingCommandsV1.AbandonInteraction;
  'cc.routing.v1.CompleteInteraction': routingCommandsV1.CompleteInteraction;
  'cc.routing.v1.RequestCallback': routingCommandsV1.RequestCallback;
  'cc.routing.v1.AnnounceWait': routingCommandsV1.AnnounceWait;
  'cc.routing.v1.AdvanceTime': routingCommandsV1.AdvanceTime;
  'cc.routing.v1.ApplyConfig': routingCommandsV1.ApplyConfig;
  'cc.routing.v1.ReceiveOverflowOffer': routingCommandsV1.ReceiveOverflowOffer;
  'cc.routing.v1.ReceiveOverflowWithdrawal': routingCommandsV1.ReceiveOverflowWithdrawal;
  'cc.routing.v1.ReceiveAgentClaim': routingCommandsV1.ReceiveAgentClaim;
  'cc.routing.v1.ReceiveClaimDecision': routingCommandsV1.ReceiveClaimDecision;
  'cc.routing.v1.ReceiveRemoteOfferOutcome': routingCommandsV1.ReceiveRemoteOfferOutcome;
  'cc.routing.v1.ReceiveRemoteCompletion': routingCommandsV1.ReceiveRemoteCompletion;
  'cc.routing.v1.ConfigApplied': routingEventsV1.ConfigApplied;
  'cc.routing.v1.AgentLoggedIn': routingEventsV1.AgentLoggedIn;
  'cc.routing.v1.AgentLoggedOut': routingEventsV1.AgentLoggedOut;
  'cc.routing.v1.AgentStateChanged': routingEventsV1.AgentStateChanged;
  'cc.routing.v1.AgentNotReadyPending': routingEventsV1.AgentNotReadyPending;
  'cc.routing.v1.InteractionQueued': routingEventsV1.InteractionQueued;
  'cc.routing.v1.InteractionOffered': routingEventsV1.InteractionOffered;
  'cc.routing.v1.OfferAccepted': routingEventsV1.OfferAccepted;
  'cc.routing.v1.OfferRejected': routingEventsV1.OfferRejected;
  'cc.routing.v1.OfferTimedOut': routingEventsV1.OfferTimedOut;
  'cc.routing.v1.InteractionAbandoned': routingEventsV1.InteractionAbandoned;
  'cc.routing.v1.InteractionCompleted': routingEventsV1.InteractionCompleted;
  'cc.routing.v1.TargetsExpanded': routingEventsV1.TargetsExpanded;
  'cc.routing.v1.InteractionOverflowed': routingEventsV1.InteractionOverflowed;
  'cc.routing.v1.CallbackOffered': routingEventsV1.CallbackOffered;
  'cc.routing.v1.CallbackRequested': routingEventsV1.CallbackRequested;
  'cc.routing.v1.WaitAnnounced': routingEventsV1.WaitAnnounced;
  'cc.routing.v1.OverflowOfferSent': routingEventsV1.OverflowOfferSent;
  'cc.routing.v1.OverflowOfferWithdrawn': routingEventsV1.OverflowOfferWithdrawn;
  'cc.routing.v1.RemoteOfferReceived': routingEventsV1.RemoteOfferReceived;
  'cc.routing.v1.RemoteOfferDropped': routingEventsV1.RemoteOfferDropped;
  'cc.routing.v1.AgentClaimed': routingEventsV1.AgentClaimed;
  'cc.routing.v1.ClaimDecided': routingEventsV1.ClaimDecided;
  'cc.routing.v1.RemoteOfferRinging': routingEventsV1.RemoteOfferRinging;
  'cc.routing.v1.ClaimReleased': routingEventsV1.ClaimReleased;
  'cc.routing.v1.RemoteOfferAnswered': routingEventsV1.RemoteOfferAnswered;
  'cc.routing.v1.RemoteCompletionSent': routingEventsV1.RemoteCompletionSent;
  'cc.routing.v1.ChangeConfig': routingCommandsV1.ChangeConfig;
  'cc.routing.v1.CommandReply': routingRepliesV1.CommandReply;
  'cc.routing.v1.LogPartitionClaimed': routingEventsV1.LogPartitionClaimed;
  'cc.routing.v1.ConfigPartitionClaimed': routingConfigV1.ConfigPartitionClaimed;
}

/** Every registered CloudEvents type. */
export type EventType = keyof EventDataByType;

/** A decoded event payload tagged with its type: a discriminated union over every registered event. */
export type ContractEvent = { [K in EventType]: { type: K; data: EventDataByType[K] } }[EventType];

/** Every registered event definition, keyed by CloudEvents type. */
export const EVENT_DEFINITIONS: { readonly [K in EventType]: EventDefinition<EventDataByType[K]> } = {
  'cc.call.v1.CallArrived': CallArrivedEvent,
  'cc.call.v1.CallQueued': CallQueuedEvent,
  'cc.call.v1.CallLeftQueue': CallLeftQueueEvent,
  'cc.call.v1.CallOffered': CallOfferedEvent,
  'cc.call.v1.CallAnswered': CallAnsweredEvent,
  'cc.call.v1.CallTransferred': CallTransferredEvent,
  'cc.call.v1.CallAbandoned': CallAbandonedEvent,
  'cc.call.v1.CallEnded': CallEndedEvent,
  'cc.call.v1.CallRinging': CallRingingEvent,
  'cc.call.v1.CallBridged': CallBridgedEvent,
  'cc.sip.v1.LegStarted': SipLegStartedEvent,
  'cc.sip.v1.LegRinging': SipLegRingingEvent,
  'cc.sip.v1.LegAnswered': SipLegAnsweredEvent,
  'cc.sip.v1.LegEnded': SipLegEndedEvent,
  'cc.sip.v1.PhoneRegistrationChanged': SipPhoneRegistrationChangedEvent,
  'cc.agent.v1.AgentLoggedIn': AgentLoggedInEvent,
  'cc.agent.v1.AgentStateChanged': AgentStateChangedEvent,
  'cc.agent.v1.AgentLoggedOut': AgentLoggedOutEvent,
  'cc.queue.v1.QueueConfigured': QueueConfiguredEvent,
  'cc.queue.v1.QueueRemoved': QueueRemovedEvent,
  'cc.routing.v1.TenantDefined': RoutingTenantDefinedEvent,
  'cc.routing.v1.BranchDefined': RoutingBranchDefinedEvent,
  'cc.routing.v1.SkillDefined': RoutingSkillDefinedEvent,
  'cc.routing.v1.PartnerDefined': RoutingPartnerDefinedEvent,
  'cc.routing.v1.NotReadyReasonDefined': RoutingNotReadyReasonDefinedEvent,
  'cc.routing.v1.QueueDefined': RoutingQueueDefinedEvent,
  'cc.routing.v1.QueueRemoved': RoutingQueueRemovedEvent,
  'cc.routing.v1.AgentDefined': RoutingAgentDefinedEvent,
  'cc.routing.v1.AgentRemoved': RoutingAgentRemovedEvent,
  'cc.routing.v1.AgentSkillsChanged': RoutingAgentSkillsChangedEvent,
  'cc.routing.v1.AgentGroupsChanged': RoutingAgentGroupsChangedEvent,
  'cc.routing.v1.LogInAgent': RoutingLogInAgentCommand,
  'cc.routing.v1.LogOutAgent': RoutingLogOutAgentCommand,
  'cc.routing.v1.MakeAgentReady': RoutingMakeAgentReadyCommand,
  'cc.routing.v1.MakeAgentNotReady': RoutingMakeAgentNotReadyCommand,
  'cc.routing.v1.QueueInteraction': RoutingQueueInteractionCommand,
  'cc.routing.v1.AcceptOffer': RoutingAcceptOfferCommand,
  'cc.routing.v1.RejectOffer': RoutingRejectOfferCommand,
  'cc.routing.v1.AbandonInteraction': RoutingAbandonInteractionCommand,
  'cc.routing.v1.CompleteInteraction': RoutingCompleteInteractionCommand,
  'cc.routing.v1.RequestCallback': RoutingRequestCallbackCommand,
  'cc.routing.v1.AnnounceWait': RoutingAnnounceWaitCommand,
  'cc.routing.v1.AdvanceTime': RoutingAdvanceTimeCommand,
  'cc.routing.v1.ApplyConfig': RoutingApplyConfigCommand,
  'cc.routing.v1.ReceiveOverflowOffer': RoutingReceiveOverflowOfferCommand,
  'cc.routing.v1.ReceiveOverflowWithdrawal': RoutingReceiveOverflowWithdrawalCommand,
  'cc.routing.v1.ReceiveAgentClaim': RoutingReceiveAgentClaimCommand,
  'cc.routing.v1.ReceiveClaimDecision': RoutingReceiveClaimDecisionCommand,
  'cc.routing.v1.ReceiveRemoteOfferOutcome': RoutingReceiveRemoteOfferOutcomeCommand,
  'cc.routing.v1.ReceiveRemoteCompletion': RoutingReceiveRemoteCompletionCommand,
  'cc.routing.v1.ConfigApplied': RoutingConfigAppliedEvent,
  'cc.routing.v1.AgentLoggedIn': RoutingAgentLoggedInEvent,
  'cc.routing.v1.AgentLoggedOut': RoutingAgentLoggedOutEvent,
  'cc.routing.v1.AgentStateChanged': RoutingAgentStateChangedEvent,
  'cc.routing.v1.AgentNotReadyPending': RoutingAgentNotReadyPendingEvent,
  'cc.routing.v1.InteractionQueued': RoutingInteractionQueuedEvent,
  'cc.routing.v1.InteractionOffered': RoutingInteractionOfferedEvent,
  'cc.routing.v1.OfferAccepted': RoutingOfferAcceptedEvent,
  'cc.routing.v1.OfferRejected': RoutingOfferRejectedEvent,
  'cc.routing.v1.OfferTimedOut': RoutingOfferTimedOutEvent,
  'cc.routing.v1.InteractionAbandoned': RoutingInteractionAbandonedEvent,
  'cc.routing.v1.InteractionCompleted': RoutingInteractionCompletedEvent,
  'cc.routing.v1.TargetsExpanded': RoutingTargetsExpandedEvent,
  'cc.routing.v1.InteractionOverflowed': RoutingInteractionOverflowedEvent,
  'cc.routing.v1.CallbackOffered': RoutingCallbackOfferedEvent,
  'cc.routing.v1.CallbackRequested': RoutingCallbackRequestedEvent,
  'cc.routing.v1.WaitAnnounced': RoutingWaitAnnouncedEvent,
  'cc.routing.v1.OverflowOfferSent': RoutingOverflowOfferSentEvent,
  'cc.routing.v1.OverflowOfferWithdrawn': RoutingOverflowOfferWithdrawnEvent,
  'cc.routing.v1.RemoteOfferReceived': RoutingRemoteOfferReceivedEvent,
  'cc.routing.v1.RemoteOfferDropped': RoutingRemoteOfferDroppedEvent,
  'cc.routing.v1.AgentClaimed': RoutingAgentClaimedEvent,
  'cc.routing.v1.ClaimDecided': RoutingClaimDecidedEvent,
  'cc.routing.v1.RemoteOfferRinging': RoutingRemoteOfferRingingEvent,
  'cc.routing.v1.ClaimReleased': RoutingClaimReleasedEvent,
  'cc.routing.v1.RemoteOfferAnswered': RoutingRemoteOfferAnsweredEvent,
  'cc.routing.v1.RemoteCompletionSent': RoutingRemoteCompletionSentEvent,
  'cc.routing.v1.ChangeConfig': RoutingChangeConfigCommand,
  'cc.routing.v1.CommandReply': RoutingCommandReply,
  'cc.routing.v1.LogPartitionClaimed': RoutingLogPartitionClaimedEvent,
  'cc.routing.v1.ConfigPartitionClaimed': RoutingConfigPartitionClaimedEvent,
};

/** Every registered event definition, in registry order. */
export function allEventDefinitions(): EventDefinition<unknown>[] {
  return Object.values(EVENT_DEFINITIONS) as EventDefinition<unknown>[];
}

/** True if `type` is a registered CloudEvents type. */
export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_DEFINITIONS, type);
}

/** The definition of a CloudEvents type, or undefined if the type is unknown. */
export function eventDefinitionFor(type: string): EventDefinition<unknown> | undefined {
  return isEventType(type) ? (EVENT_DEFINITIONS[type] as EventDefinition<unknown>) : undefined;
}

/** The CloudEvents types published on `topic` (empty for unknown topics). */
export function eventTypesOfTopic(topic: string): EventType[] {
  return (Object.keys(EVENT_DEFINITIONS) as EventType[]).filter((type) => EVENT_DEFINITIONS[type].topic === topic);
}
