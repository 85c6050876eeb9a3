import { dataSourceToken } from '@cc/platform';
import { Inject, Injectable } from '@nestjs/common';
import { Brackets, type DataSource } from 'typeorm';
import { REPORTING_SCHEMA } from '../reporting-schema';
import { CallRecordEntity } from './call-record.entity';

export interface CallRecordFilter {
  tenantId: string;
  from?: Date;
  to?: Date;
  queueId?: string;
  agentId?: string;
  limit: number;
  after?: { arrivedAt: Date; callId: string };
}

/** Reads call records, oldest arrival first, paged by keyset (arrived_at, call_id). */
@Injectable()
export class CallRecordsRepository {
  constructor(@Inject(dataSourceToken(REPORTING_SCHEMA)) private readonly dataSource: DataSource) {}

  findOne(tenantId: string, callId: string): Promise<CallRecordEntity | null> {
    return this.dataSource.getRepository(CallRecordEntity).findOne({ where: { tenantId, callId } });
  }

  async list(filter: CallRecordFilter): Promise<CallRecordEntity[]> {
    const query = this.dataSource
      .getRepository(CallRecordEntity)
      .createQueryBuilder('c')
      .where('c.tenantId = :tenantId', { tenantId: filter.tenantId })
      .andWhere('c.arrivedAt IS NOT NULL');
    if (filter.from) query.andWhere('c.arrivedAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('c.arrivedAt < :to', { to: filter.to });
    if (filter.queueId) query.andWhere('c.queueId = :queueId', { queueId: filter.queueId });
    if (filter.agentId) query.andWhere('c.agentId = :agentId', { agentId: filter.agentId });
    const after = filter.after;
    if (after) {
      query.andWhere(
        new Brackets((b) =>
          b
            .where('c.arrivedAt > :afterAt', { afterAt: after.arrivedAt })
            .orWhere('c.arrivedAt = :afterAt AND c.callId > :afterId', { afterAt: after.arrivedAt, afterId: after.callId }),
        ),
      );
    }
    return query.orderBy('c.arrivedAt', 'ASC').addOrderBy('c.callId', 'ASC').limit(filter.limit).getMany();
  }
}
