import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, UseFilters } from '@nestjs/common';
import { RoutingGateway } from '../api/routing-gateway';
import { RoutingHeaders } from './routing-headers.decorator';
import { LogInBody, NotReadyBody } from './routing-http.dto';
import { RoutingHttpExceptionFilter } from './routing-http-errors';
import { type CommandHeaders, commandOrigin } from './routing-http-requests';
import { agentCommandJson, type AgentStatusJson, agentStatusJson } from './routing-http-views';

/**
 * An agent's routing state for the agent desktop and supervisors: read it, log in and out, ready / not ready, and
 * answer the offers ringing for them. Commands take X-Actor and Idempotency-Key and answer with the command id and
 * the agent's state afterwards.
 */
@Controller('api/routing/tenants/:tenantId/agents/:agentId')
@UseFilters(RoutingHttpExceptionFilter)
export class RoutingAgentsController {
  constructor(@Inject(RoutingGateway) private readonly gateway: RoutingGateway) {}

  @Get('status')
  status(@Param('tenantId') tenantId: string, @Param('agentId') agentId: string): AgentStatusJson {
    return agentStatusJson(this.gateway.agentStatus(tenantId, agentId));
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  async logIn(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @Body() body: LogInBody,
    @RoutingHeaders() headers: CommandHeaders,
  ) {
    const options = { ...commandOrigin(headers), extension: body.extension, initialState: body.initialState };
    return agentCommandJson(await this.gateway.logIn(tenantId, agentId, options));
  }

  @Post('logout')
  @HttpCode(HttpStatus.OK)
  async logOut(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @RoutingHeaders() headers: CommandHeaders,
  ) {
    return agentCommandJson(await this.gateway.logOut(tenantId, agentId, commandOrigin(headers)));
  }

  @Post('ready')
  @HttpCode(HttpStatus.OK)
  async makeReady(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @RoutingHeaders() headers: CommandHeaders,
  ) {
    return agentCommandJson(await this.gateway.makeReady(tenantId, agentId, commandOrigin(headers)));
  }

  @Post('not-ready')
  @HttpCode(HttpStatus.OK)
  async makeNotReady(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @Body() body: NotReadyBody,
    @RoutingHeaders() headers: CommandHeaders,
  ) {
    return agentCommandJson(
      await this.gateway.makeNotReady(tenantId, agentId, body.reasonCode, commandOrigin(headers)),
    );
  }

  @Post('offers/:interactionId/accept')
  @HttpCode(HttpStatus.OK)
  async acceptOffer(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @Param('interactionId') interactionId: string,
    @RoutingHeaders() headers: CommandHeaders,
  ) {
    return agentCommandJson(await this.gateway.acceptOffer(tenantId, agentId, interactionId, commandOrigin(headers)));
  }

  @Post('offers/:interactionId/reject')
  @HttpCode(HttpStatus.OK)
  async rejectOffer(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @Param('interactionId') interactionId: string,
    @RoutingHeaders() headers: CommandHeaders,
  ) {
    return agentCommandJson(await this.gateway.rejectOffer(tenantId, agentId, interactionId, commandOrigin(headers)));
  }
}
