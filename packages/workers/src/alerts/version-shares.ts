import { compareSemver, OTHER_CLIENT_VERSIONS, parseSemver, raisedMinimum } from '@corates/shared';

interface VersionRequests {
  version: string;
  requests: number;
}

/**
 * The two old-client figures from the request census. `outdatedShare`: requests from versions
 * below the newest one seen. `nearMinShare`: requests from versions below minSupportedClient plus
 * `minorVersions` minor versions — the clients that raising the minimum by that much would cut
 * off. The census's catch-all row counts in the total but in neither share: its versions are
 * unknown. Null when there were no requests.
 */
export function versionShares(
  counts: readonly VersionRequests[],
  minSupportedClient: string,
  minorVersions: number,
): { outdatedShare: number | null; nearMinShare: number | null } {
  const total = counts.reduce((n, c) => n + c.requests, 0);
  if (total === 0) return { outdatedShare: null, nearMinShare: null };
  const named = counts.filter((c) => c.version !== OTHER_CLIENT_VERSIONS && parseSemver(c.version));
  const newest = named.reduce<string | undefined>(
    (best, c) => (best === undefined || compareSemver(c.version, best) > 0 ? c.version : best),
    undefined,
  );
  const cutoff = raisedMinimum(minSupportedClient, minorVersions);
  const sum = (keep: (v: string) => boolean) =>
    named.filter((c) => keep(c.version)).reduce((n, c) => n + c.requests, 0);
  return {
    outdatedShare: newest ? sum((v) => compareSemver(v, newest) < 0) / total : 0,
    nearMinShare: cutoff ? sum((v) => compareSemver(v, cutoff) < 0) / total : null,
  };
}
