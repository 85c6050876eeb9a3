/**
 * RoutingService requests -> the arguments of RoutingGateway, and its answers -> RoutingService responses. Pure:
 * the time of a configuration change comes in as `at`. Decoding failures throw ProtoDecodeError naming the proto
 * field (INVALID_ARGUMENT); the values themselves are validated by the deciders behind the gateway.
 */
import {
  type ChangeAgentGroups,
  type ChangeAgentSkills,
  type ConfigCommand,
  type DefineAgent,
  type DefineBranch,
  type DefineNotReadyReason,
  type DefinePartner,
  type DefineQueue,
  type DefineSkill,
  type DefineTenant,
  type EpochMs,
  type InteractionRequest,
  type RemoveAgent,
  type RemoveQueue,
  type TenantConfig,
} from '@cc/acd';
import { agentV1, type routingV1 } from '@cc/contracts';
import { type CommandAnswer, type CommandOrigin } from '../api/routing-gateway';
import { ProtoDecodeError, requiredMessage, strings } from '../codec/codec-support';
import { agentInputFromProto, queueInputFromProto } from '../codec/config-command-codec';
import {
  agentToProto,
  branchFromProto,
  partnerFromProto,
  queueToProto,
  reasonFromProto,
  skillFromProto,
  skillsFromProto,
} from '../codec/config-event-codec';
import { interactionFromProto } from '../codec/routing-command-codec';

type Msg = Record<string, unknown>;

/** The envelope every configuration request carries. */
export interface ConfigRequest {
  tenantId: string;
  actor: string;
  expectedVersion?: number | undefined;
}

/** What RoutingGateway.changeConfig resolves with. */
export interface ConfigChangeResult {
  commandId: string;
  version: number;
  config: TenantConfig;
}

function base(
  request: ConfigRequest,
  at: EpochMs,
): Pick<ConfigCommand, 'tenantId' | 'at' | 'actor' | 'expectedVersion'> {
  const command = { tenantId: request.tenantId, at, actor: request.actor };
  return request.expectedVersion === undefined ? command : { ...command, expectedVersion: request.expectedVersion };
}

function payload(request: object, key: string, field: string): Msg {
  return requiredMessage(request as Msg, key, field);
}

// Configuration requests ----------------------------------------------------------------------------------------

export function defineTenantCommand(request: routingV1.DefineTenantRequest, at: EpochMs): DefineTenant {
  return { ...base(request, at), type: 'DefineTenant', name: request.name, currency: request.currency };
}

export function defineBranchCommand(request: routingV1.DefineBranchRequest, at: EpochMs): DefineBranch {
  return {
    ...base(request, at),
    type: 'DefineBranch',
    branch: branchFromProto(payload(request, 'branch', 'branch'), 'branch'),
  };
}

export function defineSkillCommand(request: routingV1.DefineSkillRequest, at: EpochMs): DefineSkill {
  return {
    ...base(request, at),
    type: 'DefineSkill',
    skill: skillFromProto(payload(request, 'skill', 'skill'), 'skill'),
  };
}

export function definePartnerCommand(request: routingV1.DefinePartnerRequest, at: EpochMs): DefinePartner {
  return {
    ...base(request, at),
    type: 'DefinePartner',
    partner: partnerFromProto(payload(request, 'partner', 'partner'), 'partner'),
  };
}

export function defineNotReadyReasonCommand(
  request: routingV1.DefineNotReadyReasonRequest,
  at: EpochMs,
): DefineNotReadyReason {
  return {
    ...base(request, at),
    type: 'DefineNotReadyReason',
    reason: reasonFromProto(payload(request, 'reason', 'reason'), 'reason'),
  };
}

/** UNSPECIFIED enums and an absent service_level are left to the decider's defaults. */
export function defineQueueCommand(request: routingV1.DefineQueueRequest, at: EpochMs): DefineQueue {
  return {
    ...base(request, at),
    type: 'DefineQueue',
    queue: queueInputFromProto(payload(request, 'queue', 'queue'), 'queue'),
  };
}

export function removeQueueCommand(request: routingV1.RemoveQueueRequest, at: EpochMs): RemoveQueue {
  return { ...base(request, at), type: 'RemoveQueue', queueId: request.queueId };
}

/** An empty capacity means one voice call at a time (left to the decider's default). */
export function defineAgentCommand(request: routingV1.DefineAgentRequest, at: EpochMs): DefineAgent {
  return {
    ...base(request, at),
    type: 'DefineAgent',
    agent: agentInputFromProto(payload(request, 'agent', 'agent'), 'agent'),
  };
}

export function removeAgentCommand(request: routingV1.RemoveAgentRequest, at: EpochMs): RemoveAgent {
  return { ...base(request, at), type: 'RemoveAgent', agentId: request.agentId };
}

export function changeAgentSkillsCommand(request: routingV1.ChangeAgentSkillsRequest, at: EpochMs): ChangeAgentSkills {
  return {
    ...base(request, at),
    type: 'ChangeAgentSkills',
    agentId: request.agentId,
    skills: skillsFromProto(request as unknown as Msg, 'skills', 'skills'),
  };
}

export function changeAgentGroupsCommand(request: routingV1.ChangeAgentGroupsRequest, at: EpochMs): ChangeAgentGroups {
  return {
    ...base(request, at),
    type: 'ChangeAgentGroups',
    agentId: request.agentId,
    groups: strings(request as unknown as Msg, 'groups', 'groups'),
  };
}

// Configuration responses ---------------------------------------------------------------------------------------

/** The entity a definition is about, as now in force; an internal error if the configuration lacks it. */
function inForce<T>(record: Readonly<Record<string, T>>, id: string, what: string): T {
  const value = record[id];
  if (value === undefined) throw new Error(`${what} "${id}" is not in the configuration after its change was accepted`);
  return value;
}

export function defineBranchResponse(
  result: ConfigChangeResult,
  command: DefineBranch,
): routingV1.DefineBranchResponse {
  const { branchId, name, timeZone } = inForce(result.config.branches, command.branch.branchId, 'Branch');
  return { version: result.version, branch: { branchId, name, timeZone } };
}

export function defineSkillResponse(result: ConfigChangeResult, command: DefineSkill): routingV1.DefineSkillResponse {
  const { skillId, name } = inForce(result.config.skills, command.skill.skillId, 'Skill');
  return { version: result.version, skill: { skillId, name } };
}

export function definePartnerResponse(
  result: ConfigChangeResult,
  command: DefinePartner,
): routingV1.DefinePartnerResponse {
  const { partnerId, name, trunkUri } = inForce(result.config.partners, command.partner.partnerId, 'Partner');
  return { version: result.version, partner: { partnerId, name, trunkUri } };
}

export function defineNotReadyReasonResponse(
  result: ConfigChangeResult,
  command: DefineNotReadyReason,
): routingV1.DefineNotReadyReasonResponse {
  const { code, name } = inForce(result.config.notReadyReasons, command.reason.code, 'Not-ready reason');
  return { version: result.version, reason: { code, name } };
}

export function defineQueueResponse(result: ConfigChangeResult, command: DefineQueue): routingV1.DefineQueueResponse {
  return {
    version: result.version,
    queue: queueToProto(inForce(result.config.queues, command.queue.queueId, 'Queue')),
  };
}

/** DefineAgent, ChangeAgentSkills and ChangeAgentGroups answer with the agent's profile afterwards. */
export function agentProfileResponse(
  result: ConfigChangeResult,
  agentId: string,
): { version: number; agent: routingV1.AgentProfile } {
  return { version: result.version, agent: agentToProto(inForce(result.config.agents, agentId, 'Agent')) };
}

// Agent and interaction commands --------------------------------------------------------------------------------

/** The idempotency key of a command request; empty = the gateway assigns one. */
export function commandOrigin(request: { commandId: string }): CommandOrigin {
  return request.commandId ? { commandId: request.commandId } : {};
}

/** LogIn: AVAILABLE or UNSPECIFIED to take interactions at once, NOT_READY to start not ready. */
export function logInOptions(
  request: routingV1.LogInRequest,
): CommandOrigin & { extension?: string; initialState?: 'Available' | 'NotReady' } {
  const options: CommandOrigin & { extension?: string; initialState?: 'Available' | 'NotReady' } =
    commandOrigin(request);
  if (request.extension) options.extension = request.extension;
  switch (request.initialState) {
    case agentV1.AgentState.AGENT_STATE_UNSPECIFIED:
    case undefined:
      break;
    case agentV1.AgentState.AGENT_STATE_AVAILABLE:
      options.initialState = 'Available';
      break;
    case agentV1.AgentState.AGENT_STATE_NOT_READY:
      options.initialState = 'NotReady';
      break;
    default:
      throw new ProtoDecodeError('initial_state', 'an agent logs in AVAILABLE or NOT_READY');
  }
  return options;
}

export function interactionOf(request: routingV1.QueueInteractionRequest): InteractionRequest {
  return interactionFromProto(payload(request, 'interaction', 'interaction'), 'interaction');
}

/** LogIn, LogOut, SetAgentReady, SetAgentNotReady, AcceptOffer, RejectOffer: the agent's state afterwards. */
export function agentCommandResponse(answer: CommandAnswer): {
  commandId: string;
  agent: routingV1.AgentView | undefined;
} {
  return { commandId: answer.commandId, agent: answer.reply.agent };
}

export function queueInteractionResponse(answer: CommandAnswer): routingV1.QueueInteractionResponse {
  return { commandId: answer.commandId, interaction: answer.reply.interaction };
}

export function requestCallbackResponse(answer: CommandAnswer): routingV1.RequestCallbackResponse {
  return { commandId: answer.commandId, callbackInteractionId: answer.reply.callbackInteractionId };
}

export function announceWaitResponse(answer: CommandAnswer): routingV1.AnnounceWaitResponse {
  const { reply } = answer;
  return {
    commandId: answer.commandId,
    position: reply.position,
    estimate: reply.estimate,
    predictor: reply.predictor,
    unbounded: reply.unbounded,
  };
}
