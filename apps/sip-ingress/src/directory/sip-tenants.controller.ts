import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, UseFilters } from '@nestjs/common';
import { type TenantView } from './directory-model';
import { domainParam, tenantBody, tenantIdParam } from './directory-requests';
import { SipDirectoryExceptionFilter } from './sip-directory-exception.filter';
import { SipDirectoryService } from './sip-directory.service';

/**
 * A tenant as the SIP ingress knows it: its digest realm and its SIP domains (request-URI hosts that belong to it).
 * PUT {realm} defines it; PUT/DELETE domains/:domain add and remove a domain.
 */
@Controller('api/sip/tenants/:tenantId')
@UseFilters(SipDirectoryExceptionFilter)
export class SipTenantsController {
  constructor(@Inject(SipDirectoryService) private readonly directory: SipDirectoryService) {}

  @Get()
  tenant(@Param('tenantId') tenantId: string): Promise<TenantView> {
    return this.directory.tenant(tenantIdParam(tenantId));
  }

  @Put()
  defineTenant(@Param('tenantId') tenantId: string, @Body() body: unknown): Promise<TenantView> {
    return this.directory.defineTenant(tenantIdParam(tenantId), tenantBody(body));
  }

  @Delete()
  @HttpCode(204)
  removeTenant(@Param('tenantId') tenantId: string): Promise<void> {
    return this.directory.removeTenant(tenantIdParam(tenantId));
  }

  @Put('domains/:domain')
  addDomain(@Param('tenantId') tenantId: string, @Param('domain') domain: string): Promise<TenantView> {
    return this.directory.addDomain(tenantIdParam(tenantId), domainParam(domain));
  }

  @Delete('domains/:domain')
  removeDomain(@Param('tenantId') tenantId: string, @Param('domain') domain: string): Promise<TenantView> {
    return this.directory.removeDomain(tenantIdParam(tenantId), domainParam(domain));
  }
}
