import type { SignIn, SignUp, User } from '@corates/shared';
import { api, dataOf } from './client.ts';

/** Create an account; better-auth signs the new user in (sets the session cookie). */
export async function signUp(input: SignUp): Promise<User> {
  return dataOf(await api.POST('/api/auth/sign-up/email', { body: input })).user;
}

/** Sign in with email and password; sets the httpOnly session cookie. */
export async function signIn(input: SignIn): Promise<User> {
  return dataOf(await api.POST('/api/auth/sign-in/email', { body: input })).user;
}

/** End the session server-side and clear the cookie. */
export async function signOut(): Promise<void> {
  // The OpenAPI document declares no body, but better-auth refuses a bodyless POST (415 without
  // a Content-Type, 400 with an empty JSON one); `{}` is what it accepts.
  await api.POST('/api/auth/sign-out', {
    body: {} as never,
    headers: { 'Content-Type': 'application/json' },
  });
}
