import { ProjectionOffsets1763900000000 } from '@cc/event-bus';
import { DatabaseModule } from '@cc/platform';
import { Module } from '@nestjs/common';
import { CallRecordEntity } from './call-records/call-record.entity';
import { CallRecordsController } from './call-records/call-records.controller';
import { CallRecordsProjection } from './call-records/call-records.projection';
import { CallRecordsRepository } from './call-records/call-records.repository';
import { CallRecords1763900000100 } from './migrations/1763900000100-call-records';
import { REPORTING_SCHEMA } from './reporting-schema';

/** The reporting service: projections of the event topics into its own schema, and the reports API. */
@Module({
  imports: [
    DatabaseModule.forSchema({
      schema: REPORTING_SCHEMA,
      entities: [CallRecordEntity],
      migrations: [ProjectionOffsets1763900000000, CallRecords1763900000100],
    }),
  ],
  controllers: [CallRecordsController],
  providers: [
    CallRecordsRepository,
    CallRecordsProjection,
  ],
})
export class ReportingModule {}
