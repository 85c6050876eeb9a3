/** The reporting service's own Postgres schema; no other service reads or writes it. */
export const REPORTING_SCHEMA = 'reporting';
