import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type MachineInfo } from './machine';

/** One measured figure and the target it is held against. */
export interface Figure {
  name: string;
  adapter: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. ">= 30000" or "<= 50"; null for informational figures. */
  target: string | null;
  /** Whether the value meets the target; null for informational figures. */
  pass: boolean | null;
}

export interface BenchReport {
  area: string;
  date: string;
  machine: MachineInfo;
  figures: Figure[];
}

/** A figure held against a lower bound (throughputs). */
export function atLeast(name: string, adapter: string, value: number, unit: string, minimum: number): Figure {
  return { name, adapter, value, unit, target: `>= ${minimum}`, pass: value >= minimum };
}

/** A figure held against an upper bound (latencies). */
export function atMost(name: string, adapter: string, value: number, unit: string, maximum: number): Figure {
  return { name, adapter, value, unit, target: `<= ${maximum}`, pass: value <= maximum };
}

export function info(name: string, adapter: string, value: number, unit: string): Figure {
  return { name, adapter, value, unit, target: null, pass: null };
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 100 ? 0 : 2);
}

/** The figures as a fixed-width table. */
export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.adapter,
    f.name,
    `${formatValue(f.value)} ${f.unit}`,
    f.target ?? '',
    f.pass === null ? '' : f.pass ? 'PASS' : 'FAIL',
  ]);
  const header = ['adapter', 'figure', 'value', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function writeReport(file: string, report: BenchReport): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
