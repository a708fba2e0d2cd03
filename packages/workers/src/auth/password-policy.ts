import { passwordSchema } from '@corates/shared';
import type { z } from 'zod';

/** Why a password was refused: too short and the like (the shared schema) or too guessable. */
export type PasswordRefusal =
  | { code: 'VALIDATION_FAILED'; message: string; error: z.ZodError }
  | { code: 'WEAK_PASSWORD'; message: string };

let commonPasswords: Promise<ReadonlySet<string>> | undefined;

/**
 * zxcvbn-ts's list of the ~49,000 most common passwords (lower case). Imported on first use: the
 * package decompresses the list when its module is evaluated, and only sign-up and password
 * changes need it, so no other request pays for it (about 380 kB of the Worker bundle).
 */
function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common']),
  );
  return commonPasswords;
}

/** `Summer2024!` → `summer`: common words stay common with digits or symbols after them. */
function stem(lower: string): string {
  return lower.replace(/[\d\W_]+$/u, '');
}

/**
 * The password policy of every path that sets a password (sign-up, change, reset): the shared
 * schema (10–128 characters, not one repeated character), then not a common password, with or
 * without digits and symbols after it, and not the account's email address, its local part or
 * the person's name. Null when the password may be used.
 */
export async function refusePassword(
  password: string,
  account: { email?: string; name?: string } = {},
): Promise<PasswordRefusal | null> {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) {
    return {
      code: 'VALIDATION_FAILED',
      message: parsed.error.issues[0]?.message ?? 'invalid password',
      error: parsed.error,
    };
  }
  const lower = password.trim().toLowerCase();
  const common = await loadCommonPasswords();
  const base = stem(lower);
  if (common.has(lower) || (base.length >= 4 && common.has(base))) {
    return {
      code: 'WEAK_PASSWORD',
      message: 'this password is one of the most common ones; choose a less guessable one',
    };
  }
  const email = account.email?.trim().toLowerCase();
  const personal = [email, email?.split('@')[0], account.name?.trim().toLowerCase()].filter(
    (s): s is string => s !== undefined && s.length >= 4,
  );
  if (personal.some((p) => lower === p || base === p)) {
    return {
      code: 'WEAK_PASSWORD',
      message: 'a password cannot be your email address or your name',
    };
  }
  return null;
}
