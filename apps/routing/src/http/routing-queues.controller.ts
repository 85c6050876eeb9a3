import { Controller, Get, Inject, Param, Query, UseFilters } from '@nestjs/common';
import { RoutingGateway } from '../api/routing-gateway';
import { QueueStatusQuery } from './routing-http.dto';
import { RoutingHttpExceptionFilter } from './routing-http-errors';
import { type QueueStatusJson, queueStatusJson } from './routing-http-views';

/** Real-time queue figures for wallboards and supervisors. */
@Controller('api/routing/tenants/:tenantId/queues')
@UseFilters(RoutingHttpExceptionFilter)
export class RoutingQueuesController {
  constructor(@Inject(RoutingGateway) private readonly gateway: RoutingGateway) {}

  /** Every queue of the tenant (or of ?branchId=), sorted by branch then queue. */
  @Get()
  list(@Param('tenantId') tenantId: string, @Query() query: QueueStatusQuery): { queues: QueueStatusJson[] } {
    return { queues: this.gateway.listQueueStatus(tenantId, query.branchId || undefined).map(queueStatusJson) };
  }

  @Get(':queueId/status')
  status(@Param('tenantId') tenantId: string, @Param('queueId') queueId: string): QueueStatusJson {
    return queueStatusJson(this.gateway.queueStatus(tenantId, queueId));
  }
}
