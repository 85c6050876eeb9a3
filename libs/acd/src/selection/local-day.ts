import { type EpochMs } from '../config/routing-config';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day ("2026-11-23") at `at` in a branch's time zone: "today" for the fewest-calls strategy. */
export function localDayOf(at: EpochMs, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}
