import { type ConfigCommand, type TenantConfig } from '@cc/acd';
import { Body, Controller, Delete, Get, Inject, Param, Put, Res, UseFilters } from '@nestjs/common';
import { RoutingGateway } from '../api/routing-gateway';
import { RoutingHeaders } from './routing-headers.decorator';
import { RoutingHttpExceptionFilter } from './routing-http-errors';
import {
  changeAgentGroupsWrite,
  changeAgentSkillsWrite,
  type ConfigHeaders,
  type ConfigWrite,
  defineAgentWrite,
  defineBranchWrite,
  defineNotReadyReasonWrite,
  definePartnerWrite,
  defineQueueWrite,
  defineSkillWrite,
  defineTenantWrite,
  etagOf,
  removeAgentWrite,
  removeQueueWrite,
} from './routing-http-requests';

/** What the controller needs of Express's response: the ETag header. */
interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/**
 * A tenant's routing configuration for the web console: read it (ETag = version), define the tenant, branches,
 * skills, partners, not-ready reasons, queues and agents (PUT, the whole definition in the engine's JSON shape),
 * remove queues and agents, change an agent's skills or groups. Every write takes If-Match: "<version>" (or the
 * body's expectedVersion), X-Actor and Idempotency-Key, and answers with the command id, the new version and the
 * entity as now in force.
 */
@Controller('api/routing/tenants/:tenantId')
@UseFilters(RoutingHttpExceptionFilter)
export class RoutingConfigController {
  constructor(@Inject(RoutingGateway) private readonly gateway: RoutingGateway) {}

  @Get('config')
  config(@Param('tenantId') tenantId: string, @Res({ passthrough: true }) response: HeaderSink): TenantConfig {
    const config = this.gateway.tenantConfig(tenantId);
    response.setHeader('ETag', etagOf(config.version));
    return config;
  }

  @Put()
  async defineTenant(
    @Param('tenantId') tenantId: string,
    @Body() body: unknown,
    @RoutingHeaders() headers: ConfigHeaders,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const { commandId, version, config } = await this.change(
      defineTenantWrite(tenantId, body, headers, Date.now()),
      response,
    );
    return { commandId, version, tenant: { tenantId, name: config.name, currency: config.currency } };
  }

  @Put('branches/:branchId')
  async defineBranch(
    @Param('tenantId') tenantId: string,
    @Param('branchId') branchId: string,
    @Body() body: unknown,
    @RoutingHeaders() headers: ConfigHeaders,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const { commandId, version, config } = await this.change(
      defineBranchWrite(tenantId, branchId, body, headers, Date.now()),
      response,
    );
    return { commandId, version, branch: config.branches[branchId] ?? null };
  }

  @Put('skills/:skillId')
  async defineSkill(
    @Param('tenantId') tenantId: string,
    @Param('skillId') skillId: string,
    @Body() body: unknown,
    @RoutingHeaders() headers: ConfigHeaders,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const { commandId, version, config } = await this.change(
      defineSkillWrite(tenantId, skillId, body, headers, Date.now()),
      response,
    );
    return { commandId, version, skill: config.skills[skillId] ?? null };
  }

  @Put('partners/:partnerId')
  async definePartner(
    @Param('tenantId') tenantId: string,
    @Param('partnerId') partnerId: string,
    @Body() body: unknown,
    @RoutingHeaders() headers: ConfigHeaders,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const { commandId, version, config } = await this.change(
      definePartnerWrite(tenantId, partnerId, body, headers, Date.now()),
      response,
    );
    return { commandId, version, partner: config.partners[partnerId] ?? null };
  }

  @Put('not-ready-reasons/:code')
  async defineNotReadyReason(
    @Param('tenantId') tenantId: string,
    @Param('code') code: string,
    @Body() body: unknown,
    @RoutingHeaders() headers: ConfigHeaders,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const { commandId, version, config } = await this.change(
      defineNotReadyReasonWrite(tenantId, code, body, headers, Date.now()),
      response,
    );
    return { commandId, version, reason: config.notReadyReasons[code] ?? null };
  }

  @Put('queues/:queueId')
  async defineQueue(
    @Param('tenantId') tenantId: string,
    @Param('queueId') queueId: string,
    @Body() body: unknown,
    @RoutingHeaders() headers: ConfigHeaders,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const { commandId, version, config } = await this.change(
      defineQueueWrite(tenantId, queueId, body, headers, Date.now()),
      response,
    );
    return { commandId, version, queue: config.queues[queueId] ?? null };
  }

  @Delete('queues/:queueId')
  async removeQueue(
    @Param('tenantId') tenantId: string,
    @Param('queueId') queueId: string,
    @RoutingHeaders() headers: ConfigHeaders,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const { commandId, version } = await this.change(
      removeQueueWrite(tenantId, queueId, headers, Date.now()),
      response,
    );
    return { commandId, version };
  }

  @Put('agents/:agentId')
  async defineAgent(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @Body() body: unknown,
    @RoutingHeaders() headers: ConfigHeaders,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const { commandId, version, config } = await this.change(
      defineAgentWrite(tenantId, agentId, body, headers, Date.now()),
      response,
    );
    return { commandId, version, agent: config.agents[agentId] ?? null };
  }

  @Delete('agents/:agentId')
  async removeAgent(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @RoutingHeaders() headers: ConfigHeaders,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const { commandId, version } = await this.change(
      removeAgentWrite(tenantId, agentId, headers, Date.now()),
      response,
    );
    return { commandId, version };
  }

  @Put('agents/:agentId/skills')
  async changeAgentSkills(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @Body() body: unknown,
    @RoutingHeaders() headers: ConfigHeaders,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const { commandId, version, config } = await this.change(
      changeAgentSkillsWrite(tenantId, agentId, body, headers, Date.now()),
      response,
    );
    return { commandId, version, agent: config.agents[agentId] ?? null };
  }

  @Put('agents/:agentId/groups')
  async changeAgentGroups(
    @Param('tenantId') tenantId: string,
    @Param('agentId') agentId: string,
    @Body() body: unknown,
    @RoutingHeaders() headers: ConfigHeaders,
    @Res({ passthrough: true }) response: HeaderSink,
  ) {
    const { commandId, version, config } = await this.change(
      changeAgentGroupsWrite(tenantId, agentId, body, headers, Date.now()),
      response,
    );
    return { commandId, version, agent: config.agents[agentId] ?? null };
  }

  private async change(
    write: ConfigWrite<ConfigCommand>,
    response: HeaderSink,
  ): Promise<{ commandId: string; version: number; config: TenantConfig }> {
    const result = await this.gateway.changeConfig(write.command, write.origin);
    response.setHeader('ETag', etagOf(result.version));
    return result;
  }
}
