import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, UseFilters } from '@nestjs/common';
import { type TrunkView } from './directory-model';
import { tenantIdParam, trunkBody, trunkIdParam } from './directory-requests';
import { SipDirectoryExceptionFilter } from './sip-directory-exception.filter';
import { SipDirectoryService } from './sip-directory.service';

/**
 * A tenant's SIP trunks: kind, branch, allowed source addresses, inbound and outbound digest credentials (never
 * shown back), outbound address, caller-id rules. PUT replaces the whole trunk; a password left out stays.
 */
@Controller('api/sip/tenants/:tenantId/trunks')
@UseFilters(SipDirectoryExceptionFilter)
export class SipTrunksController {
  constructor(@Inject(SipDirectoryService) private readonly directory: SipDirectoryService) {}

  @Get()
  trunks(@Param('tenantId') tenantId: string): Promise<TrunkView[]> {
    return this.directory.trunks(tenantIdParam(tenantId));
  }

  @Get(':trunkId')
  trunk(@Param('tenantId') tenantId: string, @Param('trunkId') trunkId: string): Promise<TrunkView> {
    return this.directory.trunk(tenantIdParam(tenantId), trunkIdParam(trunkId));
  }

  @Put(':trunkId')
  defineTrunk(
    @Param('tenantId') tenantId: string,
    @Param('trunkId') trunkId: string,
    @Body() body: unknown,
  ): Promise<TrunkView> {
    const tenant = tenantIdParam(tenantId);
    const trunk = trunkIdParam(trunkId);
    return this.directory.defineTrunk(tenant, trunk, trunkBody(body));
  }

  @Delete(':trunkId')
  @HttpCode(204)
  removeTrunk(@Param('tenantId') tenantId: string, @Param('trunkId') trunkId: string): Promise<void> {
    return this.directory.removeTrunk(tenantIdParam(tenantId), trunkIdParam(trunkId));
  }
}
