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
