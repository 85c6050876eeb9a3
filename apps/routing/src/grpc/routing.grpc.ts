import { type ConfigCommand, type EpochMs } from '@cc/acd';
import { routingV1 } from '@cc/contracts';
import { GrpcServerService } from '@cc/platform';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { RoutingGateway } from '../api/routing-gateway';
import { routingUnary } from './routing-grpc-errors';
import {
  agentCommandResponse,
  agentProfileResponse,
  announceWaitResponse,
  changeAgentGroupsCommand,
  changeAgentSkillsCommand,
  commandOrigin,
  type ConfigChangeResult,
  type ConfigRequest,
  defineAgentCommand,
  defineBranchCommand,
  defineBranchResponse,
  defineNotReadyReasonCommand,
  defineNotReadyReasonResponse,
  definePartnerCommand,
  definePartnerResponse,
  defineQueueCommand,
  defineQueueResponse,
  defineSkillCommand,
  defineSkillResponse,
  defineTenantCommand,
  interactionOf,
  logInOptions,
  queueInteractionResponse,
  removeAgentCommand,
  removeQueueCommand,
  requestCallbackResponse,
} from './routing-grpc-requests';
import { tenantConfigToProto } from './tenant-config-codec';

const methods = routingV1.RoutingServiceService;

/**
 * callcenter.routing.v1.RoutingService over the process's gRPC server: each call decodes its request, calls one use
 * case of RoutingGateway and maps its answer; errors follow the contract of routing_service.proto.
 */
@Injectable()
export class RoutingGrpc implements OnModuleInit {
  constructor(
    @Inject(GrpcServerService) private readonly server: GrpcServerService,
    @Inject(RoutingGateway) private readonly gateway: RoutingGateway,
  ) {}

  onModuleInit(): void {
    this.server.addService(routingV1.RoutingServiceService, this.implementation());
  }

  implementation(): routingV1.RoutingServiceServer {
    const gateway = this.gateway;
    return {
      // Agent state
      logIn: routingUnary(methods.logIn.path, async (r: routingV1.LogInRequest) =>
        agentCommandResponse(await gateway.logIn(r.tenantId, r.agentId, logInOptions(r))),
      ),
      logOut: routingUnary(methods.logOut.path, async (r: routingV1.LogOutRequest) =>
        agentCommandResponse(await gateway.logOut(r.tenantId, r.agentId, commandOrigin(r))),
      ),
      setAgentReady: routingUnary(methods.setAgentReady.path, async (r: routingV1.SetAgentReadyRequest) =>
        agentCommandResponse(await gateway.makeReady(r.tenantId, r.agentId, commandOrigin(r))),
      ),
      setAgentNotReady: routingUnary(methods.setAgentNotReady.path, async (r: routingV1.SetAgentNotReadyRequest) =>
        agentCommandResponse(await gateway.makeNotReady(r.tenantId, r.agentId, r.reasonCode, commandOrigin(r))),
      ),
      getAgentStatus: routingUnary(methods.getAgentStatus.path, (r: routingV1.GetAgentStatusRequest) => ({
        agent: gateway.agentStatus(r.tenantId, r.agentId),
      })),
      changeAgentSkills: routingUnary(
        methods.changeAgentSkills.path,
        this.configChange(changeAgentSkillsCommand, (result, command) => agentProfileResponse(result, command.agentId)),
      ),
      changeAgentGroups: routingUnary(
        methods.changeAgentGroups.path,
        this.configChange(changeAgentGroupsCommand, (result, command) => agentProfileResponse(result, command.agentId)),
      ),

      // Configuration
      defineTenant: routingUnary(
        methods.defineTenant.path,
        this.configChange(defineTenantCommand, (result) => ({ version: result.version })),
      ),
      defineBranch: routingUnary(
        methods.defineBranch.path,
        this.configChange(defineBranchCommand, defineBranchResponse),
      ),
      defineSkill: routingUnary(methods.defineSkill.path, this.configChange(defineSkillCommand, defineSkillResponse)),
      definePartner: routingUnary(
        methods.definePartner.path,
        this.configChange(definePartnerCommand, definePartnerResponse),
      ),
      defineNotReadyReason: routingUnary(
        methods.defineNotReadyReason.path,
        this.configChange(defineNotReadyReasonCommand, defineNotReadyReasonResponse),
      ),
      defineQueue: routingUnary(methods.defineQueue.path, this.configChange(defineQueueCommand, defineQueueResponse)),
      removeQueue: routingUnary(
        methods.removeQueue.path,
        this.configChange(removeQueueCommand, (result) => ({ version: result.version })),
      ),
      defineAgent: routingUnary(
        methods.defineAgent.path,
        this.configChange(defineAgentCommand, (result, command) => agentProfileResponse(result, command.agent.agentId)),
      ),
      removeAgent: routingUnary(
        methods.removeAgent.path,
        this.configChange(removeAgentCommand, (result) => ({ version: result.version })),
      ),
      getTenantConfig: routingUnary(methods.getTenantConfig.path, (r: routingV1.GetTenantConfigRequest) => ({
        config: tenantConfigToProto(gateway.tenantConfig(r.tenantId)),
      })),

      // Queue and interaction status
      getQueueStatus: routingUnary(methods.getQueueStatus.path, (r: routingV1.GetQueueStatusRequest) => ({
        queue: gateway.queueStatus(r.tenantId, r.queueId),
      })),
      listQueueStatus: routingUnary(methods.listQueueStatus.path, (r: routingV1.ListQueueStatusRequest) => ({
        queues: gateway.listQueueStatus(r.tenantId, r.branchId || undefined),
      })),
      getInteraction: routingUnary(methods.getInteraction.path, (r: routingV1.GetInteractionRequest) => ({
        interaction: gateway.interaction(r.tenantId, r.branchId, r.interactionId),
      })),

      // Interactions
      queueInteraction: routingUnary(methods.queueInteraction.path, async (r: routingV1.QueueInteractionRequest) =>
        queueInteractionResponse(
          await gateway.queueInteraction(r.tenantId, r.branchId, interactionOf(r), commandOrigin(r)),
        ),
      ),
      acceptOffer: routingUnary(methods.acceptOffer.path, async (r: routingV1.AcceptOfferRequest) =>
        agentCommandResponse(await gateway.acceptOffer(r.tenantId, r.agentId, r.interactionId, commandOrigin(r))),
      ),
      rejectOffer: routingUnary(methods.rejectOffer.path, async (r: routingV1.RejectOfferRequest) =>
        agentCommandResponse(await gateway.rejectOffer(r.tenantId, r.agentId, r.interactionId, commandOrigin(r))),
      ),
      abandonInteraction: routingUnary(
        methods.abandonInteraction.path,
        async (r: routingV1.AbandonInteractionRequest) => ({
          commandId: (await gateway.abandon(r.tenantId, r.branchId, r.interactionId, commandOrigin(r))).commandId,
        }),
      ),
      completeInteraction: routingUnary(
        methods.completeInteraction.path,
        async (r: routingV1.CompleteInteractionRequest) => ({
          commandId: (await gateway.complete(r.tenantId, r.branchId, r.interactionId, commandOrigin(r))).commandId,
        }),
      ),
      requestCallback: routingUnary(methods.requestCallback.path, async (r: routingV1.RequestCallbackRequest) =>
        requestCallbackResponse(
          await gateway.requestCallback(r.tenantId, r.branchId, r.interactionId, r.callbackAddress, commandOrigin(r)),
        ),
      ),
      announceWait: routingUnary(methods.announceWait.path, async (r: routingV1.AnnounceWaitRequest) =>
        announceWaitResponse(await gateway.announceWait(r.tenantId, r.branchId, r.interactionId, commandOrigin(r))),
      ),
    };
  }

  /** A configuration call: request -> command (decided at the time of the call) -> response. */
  private configChange<Req extends ConfigRequest, C extends ConfigCommand, Res>(
    toCommand: (request: Req, at: EpochMs) => C,
    toResponse: (result: ConfigChangeResult, command: C) => Res,
  ): (request: Req) => Promise<Res> {
    return async (request) => {
      const command = toCommand(request, Date.now());
      return toResponse(await this.gateway.changeConfig(command), command);
    };
  }
}
