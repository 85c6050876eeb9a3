export { ReportingModule } from './reporting.module';
export { CALL_RECORDS_GROUP } from './call-records/call-records.projection';
