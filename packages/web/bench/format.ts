import type { RunInfo } from './run-record.ts';

/** Figures as the sections of docs/benchmarks.md print them (a dash for a missing figure). */
export const count = (n: number) => Math.round(n).toLocaleString('en-US');

export const fixed = (n: number, digits: number) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '—';

export const times = (n: number) => (Number.isFinite(n) ? `${fixed(n, n < 10 ? 2 : 1)}×` : '—');

/** "Run <date>, <duration>. Machine: …; 1-minute load average …" — the opening of a section. */
export function describeRun(info: RunInfo): string {
  return `Run ${info.date}, ${fixed(info.durationS, 0)} s. Machine: ${info.cores} cores (${info.cpuModel}), ${fixed(info.memoryGiB, 0)} GiB, ${info.os}, Node ${info.node}; 1-minute load average ${fixed(info.load[0], 1)} at the start, ${fixed(info.load[1], 1)} at the end.`;
}
