import { env, SELF } from 'cloudflare:test';
import { CLIENT_VERSION_HEADER } from '@corates/shared';
import { configSql, parseConfigCommand } from '../scripts/lib/config-command.ts';

/** Talks to the real Worker (SELF) over HTTP, as a browser would: JSON bodies, session cookie. */
export interface Caller {
  cookie?: string;
  version?: string | null;
  ip?: string;
}

const BASE = 'http://corates.test';

export async function call(
  method: string,
  path: string,
  options: Caller & { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set('Cookie', options.cookie);
  if (options.version !== null) headers.set(CLIENT_VERSION_HEADER, options.version ?? '0.1.0');
  headers.set('CF-Connecting-IP', options.ip ?? '203.0.113.7');
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  const res = await SELF.fetch(`${BASE}${path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json: json as any };
}

let counter = 0;
/** The session cookie of every account `signUp` made, by email: `addMember` accepts as them. */
const cookies = new Map<string, string>();

/** A fresh account, signed in; returns its cookie and id. */
export async function signUp(name = 'Test User') {
  const email = `user${Date.now()}-${++counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const res = await SELF.fetch(`${BASE}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'CF-Connecting-IP': `198.51.100.${counter % 250}`,
    },
    body: JSON.stringify({ name, email, password: 'correct horse battery' }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await res.json()) as { user: { id: string } };
  cookies.set(email, setCookie);
  return { cookie: setCookie, id: body.user.id, email, name };
}

export async function createProject(cookie: string, name = 'Review of reviews') {
  const res = await call('POST', '/api/projects', { cookie, body: { name } });
  if (res.status !== 201)
    throw new Error(`create failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { id: string; name: string; role: string };
}

/** The owner invites an address; the answer carries the link (the local mail transport). */
export async function invite(ownerCookie: string, projectId: string, email: string, role: string) {
  return call('POST', `/api/projects/${projectId}/members`, {
    cookie: ownerCookie,
    body: { email, role },
  });
}

/** The token at the end of an invitation link. */
export function tokenOf(link: string): string {
  return new URL(link).pathname.split('/').pop()!;
}

export async function acceptInvitation(cookie: string, token: string) {
  return call('POST', `/api/invitations/${token}/accept`, { cookie });
}

/**
 * The owner invites an account made by `signUp` and it accepts: a member with the role. Throws
 * unless both steps worked.
 */
export async function addMember(
  ownerCookie: string,
  projectId: string,
  email: string,
  role: string,
) {
  const inviteeCookie = cookies.get(email);
  if (!inviteeCookie) throw new Error(`no account made by signUp uses ${email}`);
  const sent = await invite(ownerCookie, projectId, email, role);
  if (sent.status !== 201 || typeof sent.json.link !== 'string')
    throw new Error(`invite failed: ${sent.status} ${JSON.stringify(sent.json)}`);
  const res = await acceptInvitation(inviteeCookie, tokenOf(sent.json.link));
  if (res.status !== 200)
    throw new Error(`accept failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/** Makes an account a platform admin with the maintainer command's own SQL; throws if none. */
export async function grantAdmin(email: string) {
  const rows = await env.DB.prepare(
    configSql(parseConfigCommand(['grant-admin', '--email', email])),
  ).all();
  if (rows.results.length !== 1) throw new Error(`no account ${email} to make admin`);
}
