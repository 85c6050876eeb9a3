import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { type CallRecordEntity } from './call-record.entity';
import { CallRecordQuery, ListCallRecordsQuery } from './call-records.dto';
import { CallRecordsRepository } from './call-records.repository';

const DEFAULT_LIMIT = 100;

function encodeCursor(record: CallRecordEntity): string {
  return Buffer.from(JSON.stringify([record.arrivedAt?.toISOString(), record.callId])).toString('base64url');
}

function decodeCursor(cursor: string): { arrivedAt: Date; callId: string } {
  try {
    const [at, callId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const arrivedAt = new Date(at);
    if (typeof callId !== 'string' || Number.isNaN(arrivedAt.getTime())) throw new Error('bad cursor');
    return { arrivedAt, callId };
  } catch {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['after is not a cursor returned by this API'] });
  }
}

/** Call detail records: GET /api/reporting/calls and /api/reporting/calls/:callId. */
@Controller('api/reporting/calls')
export class CallRecordsController {
  constructor(@Inject(CallRecordsRepository) private readonly records: CallRecordsRepository) {}

  @Get()
  async list(@Query() query: ListCallRecordsQuery) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const items = await this.records.list({
      tenantId: query.tenantId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      queueId: query.queueId,
      agentId: query.agentId,
      limit,
      after: query.after ? decodeCursor(query.after) : undefined,
    });
    return { items, nextCursor: items.length === limit ? encodeCursor(items[items.length - 1]) : null };
  }

  @Get(':callId')
  async get(@Param('callId') callId: string, @Query() query: CallRecordQuery) {
    const record = await this.records.findOne(query.tenantId, callId);
    if (!record) throw new NotFoundException(`no call ${callId} for tenant ${query.tenantId}`);
    return record;
  }
}
