import { compareSemver, OTHER_CLIENT_VERSIONS } from '@corates/shared';

/** Nearest-rank percentile of ascending-sorted values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarizeReplay(durationsMs: readonly number[]) {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted.at(-1) ?? null,
  };
}

export function failureRate(attempts: number, failures: number): number | null {
  return attempts === 0 ? null : failures / attempts;
}

interface VersionCount {
  version: string;
  requests: number;
  clients: number;
}

/** Joins request counts and reporting-client counts per version; newest version first. */
export function mergeVersionCounts(
  requests: readonly { version: string; requests: number }[],
  clients: readonly { version: string; clients: number }[],
): VersionCount[] {
  const byVersion = new Map<string, VersionCount>();
  const entry = (version: string) => {
    let e = byVersion.get(version);
    if (!e) byVersion.set(version, (e = { version, requests: 0, clients: 0 }));
    return e;
  };
  for (const r of requests) entry(r.version).requests += r.requests;
  for (const c of clients) entry(c.version).clients += c.clients;
  // The census's catch-all row is not a version: it goes last.
  return [...byVersion.values()].sort((a, b) =>
    a.version === OTHER_CLIENT_VERSIONS || b.version === OTHER_CLIENT_VERSIONS
      ? Number(a.version === OTHER_CLIENT_VERSIONS) - Number(b.version === OTHER_CLIENT_VERSIONS)
      : compareSemver(b.version, a.version),
  );
}

/** UTC calendar day of a time, as the `client_version_daily` key. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
