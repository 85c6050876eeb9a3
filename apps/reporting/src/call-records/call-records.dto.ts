import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

export class CallRecordQuery {
  @IsString()
  @IsNotEmpty({ message: 'tenantId is required' })
  tenantId!: string;
}

export class ListCallRecordsQuery extends CallRecordQuery {
  /** Calls that arrived at or after this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  /** Calls that arrived before this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;

  @IsOptional()
  @IsString()
  queueId?: string;

  @IsOptional()
  @IsString()
  agentId?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;

  /** Opaque cursor from the previous page's nextCursor. */
  @IsOptional()
  @IsString()
  after?: string;
}
