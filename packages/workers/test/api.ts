import { SELF } from 'cloudflare:test';
import { CLIENT_VERSION_HEADER } from '@corates/shared';

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
  return { cookie: setCookie, id: body.user.id, email, name };
}

export async function createProject(cookie: string, name = 'Review of reviews') {
  const res = await call('POST', '/api/projects', { cookie, body: { name } });
  if (res.status !== 201)
    throw new Error(`create failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as { id: string; name: string; role: string };
}

/** The owner adds an existing account to the project with a role; throws unless it worked. */
export async function addMember(
  ownerCookie: string,
  projectId: string,
  email: string,
  role: string,
) {
  const res = await call('POST', `/api/projects/${projectId}/members`, {
    cookie: ownerCookie,
    body: { email, role },
  });
  if (res.status !== 201)
    throw new Error(`add member failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}
