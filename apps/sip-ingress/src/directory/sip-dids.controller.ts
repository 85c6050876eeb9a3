import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, UseFilters } from '@nestjs/common';
import { type DidView } from './directory-model';
import { didBody, numberParam, tenantIdParam } from './directory-requests';
import { SipDirectoryExceptionFilter } from './sip-directory-exception.filter';
import { SipDirectoryService } from './sip-directory.service';

/** A tenant's dialled numbers (E.164, e.g. /dids/+74950000001) and the queue each one's calls enter. */
@Controller('api/sip/tenants/:tenantId/dids')
@UseFilters(SipDirectoryExceptionFilter)
export class SipDidsController {
  constructor(@Inject(SipDirectoryService) private readonly directory: SipDirectoryService) {}

  @Get()
  dids(@Param('tenantId') tenantId: string): Promise<DidView[]> {
    return this.directory.dids(tenantIdParam(tenantId));
  }

  @Get(':number')
  did(@Param('tenantId') tenantId: string, @Param('number') number: string): Promise<DidView> {
    return this.directory.did(tenantIdParam(tenantId), numberParam(number));
  }

  @Put(':number')
  defineDid(
    @Param('tenantId') tenantId: string,
    @Param('number') number: string,
    @Body() body: unknown,
  ): Promise<DidView> {
    const tenant = tenantIdParam(tenantId);
    return this.directory.defineDid(tenant, numberParam(number), didBody(body));
  }

  @Delete(':number')
  @HttpCode(204)
  removeDid(@Param('tenantId') tenantId: string, @Param('number') number: string): Promise<void> {
    return this.directory.removeDid(tenantIdParam(tenantId), numberParam(number));
  }
}
