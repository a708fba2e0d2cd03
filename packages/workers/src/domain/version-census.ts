import { OTHER_CLIENT_VERSIONS, parseSemver } from '@corates/shared';

/**
 * The census counts `X-Client-Version` from anyone, signed in or not, so what it stores is
 * bounded: a version is kept as written only when it is plausible, everything else lands in one
 * bucket, and a day holds at most {@link MAX_VERSIONS_PER_DAY} distinct rows.
 */
export const OTHER_VERSIONS = OTHER_CLIENT_VERSIONS;
export const MAX_VERSIONS_PER_DAY = 50;
const MAX_VERSION_LENGTH = 32;
const MAX_VERSION_PART = 9999;

/**
 * The census key for a header value: the version without build metadata when it is a short,
 * plausible semver; {@link OTHER_VERSIONS} for a valid but outlandish one; undefined (not
 * counted) when it is not a version at all.
 */
export function censusVersion(header: string): string | undefined {
  if (header.length > 256) return OTHER_VERSIONS; // not even worth parsing
  const v = parseSemver(header);
  if (!v) return undefined;
  if (Math.max(v.major, v.minor, v.patch) > MAX_VERSION_PART) return OTHER_VERSIONS;
  const core = `${v.major}.${v.minor}.${v.patch}`;
  const normalized = v.prerelease.length > 0 ? `${core}-${v.prerelease.join('.')}` : core;
  return normalized.length <= MAX_VERSION_LENGTH ? normalized : OTHER_VERSIONS;
}
