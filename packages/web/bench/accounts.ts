import type { CacheOwner } from '../src/sync/offline/index.ts';

export interface Account extends CacheOwner {
  cookie: string;
}

/**
 * A new account and its session cookie. Sign-up is rate limited per IP (30 a minute), so the
 * benchmark signs each account up once and reuses the cookie for every call.
 */
export async function signUp(base: string, name: string): Promise<Account> {
  const email = `${name}@bench.corates.dev`;
  const res = await fetch(`${base}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ name, email, password: `${name}-bench-password` }),
  });
  if (!res.ok) throw new Error(`sign-up of ${email}: ${res.status} ${await res.text()}`);
  const { user } = (await res.json()) as { user: { id: string } };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { id: user.id, name, email, cookie };
}
