import { Body, Controller, Delete, Get, Inject, Param, Put, UseFilters } from '@nestjs/common';
import { type AgentSipView } from './directory-model';
import { agentIdParam, deskPhoneBody, passwordBody, tenantIdParam } from './directory-requests';
import { SipDirectoryExceptionFilter } from './sip-directory-exception.filter';
import { SipDirectoryService } from './sip-directory.service';

/**
 * Agents' SIP access: digest credentials (user = agent id; PUT {password}, kept only as HA1s for the tenant's
 * realm) and a desk phone (PUT {uri}, a static contact that never expires).
 */
@Controller('api/sip/tenants/:tenantId/agents')
@UseFilters(SipDirectoryExceptionFilter)
export class SipAgentsController {
  constructor(@Inject(SipDirectoryService) private readonly directory: SipDirectoryService) {}

  @Get()
  agents(@Param('tenantId') tenantId: string): Promise<AgentSipView[]> {
    return this.directory.agents(tenantIdParam(tenantId));
  }

  @Get(':agentId')
  agent(@Param('tenantId') tenantId: string, @Param('agentId') agentId: string): Promise<AgentSipView> {
    return this.directory.agent(tenantIdParam(tenantId), agentIdParam(agentId));
  }

  @Put(':agentId/credentials')
  setPassword(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @Body() body: unknown,
  ): Promise<AgentSipView> {
    const tenant = tenantIdParam(tenantId);
    const agent = agentIdParam(agentId);
    return this.directory.setAgentPassword(tenant, agent, passwordBody(body));
  }

  @Delete(':agentId/credentials')
  removeCredentials(@Param('tenantId') tenantId: string, @Param('agentId') agentId: string): Promise<AgentSipView> {
    return this.directory.removeAgentCredentials(tenantIdParam(tenantId), agentIdParam(agentId));
  }

  @Put(':agentId/desk-phone')
  setDeskPhone(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @Body() body: unknown,
  ): Promise<AgentSipView> {
    const tenant = tenantIdParam(tenantId);
    const agent = agentIdParam(agentId);
    return this.directory.setDeskPhone(tenant, agent, deskPhoneBody(body));
  }

  @Delete(':agentId/desk-phone')
  removeDeskPhone(@Param('tenantId') tenantId: string, @Param('agentId') agentId: string): Promise<AgentSipView> {
    return this.directory.removeDeskPhone(tenantIdParam(tenantId), agentIdParam(agentId));
  }
}
