import { type Metadata, parseSemver, satisfiesMinimum } from '@corates/shared';

/** Whether this build may talk to the server: `blocked` means the user must load a newer build. */
export type VersionVerdict = 'ok' | 'blocked';

/**
 * Compare the running build with the server's `minSupportedClient`. An unparseable version never
 * blocks: the build's own version comes from package.json, and the server still answers 426 on
 * data routes, so the server stays the authority and a bad string cannot lock every user out.
 */
export function evaluateVersion(
  appVersion: string,
  metadata: Pick<Metadata, 'minSupportedClient'>,
): VersionVerdict {
  if (!parseSemver(appVersion) || !parseSemver(metadata.minSupportedClient)) return 'ok';
  return satisfiesMinimum(appVersion, metadata.minSupportedClient) ? 'ok' : 'blocked';
}
