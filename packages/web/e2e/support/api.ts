import { baseUrl } from './browser.ts';

/** Signs up (or in) over HTTP and returns the session cookie, for tests that need other people. */
export async function sessionCookie(
  name: string,
  email: string,
  password: string,
  url = baseUrl(),
): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify({ name, email, password }),
  });
  if (!res.ok) throw new Error(`sign-up of ${email} failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export async function apiJson<T>(
  method: string,
  path: string,
  cookie: string,
  body?: unknown,
  url = baseUrl(),
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The token at the end of an invitation link. */
export function invitationToken(link: string): string {
  return new URL(link).pathname.split('/').pop()!;
}

/**
 * People join by invitation: the owner invites the address and the invitee's session accepts the
 * link (`npm start` sends no mail, so the answer carries it). Resolves to the project.
 */
export async function joinProject(
  ownerCookie: string,
  projectId: string,
  invitee: { email: string; cookie: string },
  role: string,
  url = baseUrl(),
): Promise<void> {
  const sent = await apiJson<{ link?: string }>(
    'POST',
    `/api/projects/${projectId}/members`,
    ownerCookie,
    { email: invitee.email, role },
    url,
  );
  if (!sent.link)
    throw new Error('the invitation answer has no link: is the mail transport local?');
  await apiJson(
    'POST',
    `/api/invitations/${invitationToken(sent.link)}/accept`,
    invitee.cookie,
    undefined,
    url,
  );
}
