/** Latency figures for one series of samples, in the samples' unit (milliseconds here). */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The nearest-rank percentile of ascending `sorted` samples: the smallest sample that at least
 * `p`% of the samples are less than or equal to. No interpolation, so every figure reported is a
 * latency that was actually observed.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0]!;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
  };
}

export function median(samples: readonly number[]): number {
  return summarize(samples).p50;
}

/** relay / peer; NaN when either side has no figure, so the table shows a gap rather than 0 or ∞. */
export function ratio(relay: number, peer: number): number {
  if (!Number.isFinite(relay) || !Number.isFinite(peer) || peer === 0) return Number.NaN;
  return relay / peer;
}
