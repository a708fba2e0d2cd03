import { APIError } from 'better-auth/api';
import { ErrorCode, type ChangeEmail, type ChangePassword, type User } from '@corates/shared';
import { AppError } from '../lib/app-error.ts';
import type { Auth } from './auth.ts';
import { authErrorEnvelope } from './auth-error-envelope.ts';
import { d1RateLimitStorage } from './rate-limit-storage.ts';

/**
 * The signed-in user's own account: name, password and email. Each goes through better-auth's
 * server API with the request's headers (its session), so the password is checked and hashed by
 * the PBKDF2 functions auth.ts gives better-auth, and the password policy hook runs on a change.
 */

/**
 * Checks of the current password, per account: a stolen session must not be able to guess its
 * way to the password (and with it, the account). Counted up front, like sign-in attempts.
 */
export const PASSWORD_CHECK_RULE = { window: 15 * 60, max: 10 } as const;

const OUR_CODES = new Set<string>(Object.values(ErrorCode));

/** better-auth's refusal as ours: our hooks' codes as they are, its own codes mapped. */
function asAppError(error: unknown): unknown {
  if (!(error instanceof APIError)) return error;
  const body = (error.body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof body.code === 'string' && OUR_CODES.has(body.code)) {
    return new AppError(
      body.code as ErrorCode,
      typeof body.message === 'string' ? body.message : body.code,
      body.details,
    );
  }
  const { envelope } = authErrorEnvelope(error.statusCode, body);
  return new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
}

async function viaAuth<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asAppError(error);
  }
}

async function countPasswordCheck(d1: D1Database, userId: string): Promise<void> {
  const verdict = await d1RateLimitStorage(d1).consume(`account:password-check:${userId}`, {
    ...PASSWORD_CHECK_RULE,
  });
  if (!verdict.allowed)
    throw new AppError('RATE_LIMITED', 'too many password attempts; try again later');
}

function publicUser(user: { id: string; email: string; name: string }): User {
  return { id: user.id, email: user.email, name: user.name };
}

export async function changeName(auth: Auth, headers: Headers, name: string): Promise<void> {
  // The name is checked again by auth.ts's user update hook, as on every path that writes it.
  await viaAuth(() => auth.api.updateUser({ headers, body: { name } }));
}

/**
 * Replaces the password and ends every other session of the account (someone who knew the old
 * password is signed out); this one continues with a new session, whose cookie is returned.
 */
export async function changePassword(
  auth: Auth,
  d1: D1Database,
  userId: string,
  headers: Headers,
  body: ChangePassword,
): Promise<{ user: User; setCookie: string[] }> {
  await countPasswordCheck(d1, userId);
  const answer = await viaAuth(() =>
    auth.api.changePassword({
      headers,
      body: { ...body, revokeOtherSessions: true },
      returnHeaders: true,
    }),
  );
  return { user: publicUser(answer.response.user), setCookie: answer.headers.getSetCookie() };
}

/**
 * Moves the account to another address once its password is confirmed. An address another
 * account has is refused (as sign-up refuses it); the same address again changes nothing.
 */
export async function changeEmail(
  auth: Auth,
  d1: D1Database,
  user: User,
  headers: Headers,
  body: ChangeEmail,
): Promise<User> {
  await countPasswordCheck(d1, user.id);
  await viaAuth(() =>
    auth.api.verifyPassword({ headers, body: { password: body.currentPassword } }),
  );
  if (body.newEmail === user.email) return user;
  const ctx = await auth.$context;
  if (await ctx.internalAdapter.findUserByEmail(body.newEmail))
    throw new AppError('ACCOUNT_EXISTS', 'another account has this email address');
  const updated = await ctx.internalAdapter.updateUser(user.id, { email: body.newEmail });
  return publicUser(updated ?? { ...user, email: body.newEmail });
}
