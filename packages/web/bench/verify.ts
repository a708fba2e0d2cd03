import { CLIENT_VERSION_HEADER, type Project } from '@corates/shared';
import type { Account } from './accounts.ts';
import { expectedProjects, type Mutation } from './mutation-script.ts';

/**
 * How many of the projects `mutations` should leave are on the server as expected (last name,
 * member count), read back with `GET /api/projects`: a replay that skipped work cannot pass.
 */
export async function verifyProjects(
  base: string,
  account: Account,
  mutations: readonly Mutation[],
  clientVersion: string,
): Promise<{ matching: number; expected: number }> {
  const expected = expectedProjects(mutations);
  const res = await fetch(`${base}/api/projects`, {
    headers: { [CLIENT_VERSION_HEADER]: clientVersion, Cookie: account.cookie },
  });
  if (!res.ok) throw new Error(`GET /api/projects: ${res.status} ${await res.text()}`);
  const { projects } = (await res.json()) as { projects: Project[] };
  const matching = projects.filter((p) => {
    const want = expected.get(p.id);
    return want !== undefined && want.name === p.name && want.memberCount === p.memberCount;
  }).length;
  return { matching, expected: expected.size };
}
