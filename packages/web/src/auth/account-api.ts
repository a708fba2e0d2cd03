import type {
  ChangeEmail,
  ChangeName,
  ChangePassword,
  RequestPasswordReset,
  ResetPassword,
  User,
} from '@corates/shared';
import { api, dataOf } from '../api/client.ts';

/** Rename the signed-in account. */
export async function changeName(input: ChangeName): Promise<User> {
  return dataOf(await api.PATCH('/api/me/account', { body: input }));
}

/** Replace the password (the current one confirms); other sessions end, this one goes on. */
export async function changePassword(input: ChangePassword): Promise<User> {
  return dataOf(await api.POST('/api/me/password', { body: input }));
}

/** Move sign-in to another address (the current password confirms). */
export async function changeEmail(input: ChangeEmail): Promise<User> {
  return dataOf(await api.POST('/api/me/email', { body: input }));
}

/** Mail a reset link if an account has the address; the answer is the same either way. */
export async function requestPasswordReset(input: RequestPasswordReset): Promise<void> {
  dataOf(await api.POST('/api/auth/request-password-reset', { body: input }));
}

/** Set a new password with the emailed link's token (works once). */
export async function resetPassword(input: ResetPassword): Promise<void> {
  dataOf(await api.POST('/api/auth/reset-password', { body: input }));
}
