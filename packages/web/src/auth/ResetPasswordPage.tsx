import { A, useSearchParams } from '@solidjs/router';
import { Show, createSignal } from 'solid-js';
import { PASSWORD_MAX, PASSWORD_MIN, resetPasswordSchema } from '@corates/shared';
import { createForm } from '../forms/create-form.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { resetPassword } from './account-api.ts';

const MESSAGES = {
  newPassword: `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not one character repeated.`,
  token: 'This link is incomplete. Open the link from the email again.',
};

const RESET_MESSAGES = {
  RESET_LINK_INVALID:
    'This link has been used or has expired. Ask for a new one from the sign-in page.',
  WEAK_PASSWORD: 'That password is too common or too easy to guess. Choose another one.',
};

/** The page the reset email links to: choose a new password, then sign in with it. */
export function ResetPasswordPage() {
  useDocumentTitle(() => 'Choose a new password');
  const [search] = useSearchParams<{ token?: string }>();
  const [done, setDone] = createSignal(false);
  const form = createForm({
    schema: resetPasswordSchema,
    initial: { token: search.token ?? '', newPassword: '' },
    messages: MESSAGES,
    async submit(data) {
      await resetPassword(data);
      setDone(true);
    },
  });

  return (
    <div class="auth-page">
      <div class="card auth-card">
        <h1>Choose a new password</h1>
        <Show
          when={done()}
          fallback={
            <form ref={form.ref} onSubmit={form.onSubmit} novalidate aria-busy={form.pending()}>
              <Show when={form.serverError()}>
                {(error) => <ErrorAlert error={error()} messages={RESET_MESSAGES} />}
              </Show>
              <Show when={form.errors().token}>
                {(message) => (
                  <p class="alert alert-error" role="alert">
                    {message()}
                  </p>
                )}
              </Show>
              <TextField
                label="New password"
                name="newPassword"
                type="password"
                autocomplete="new-password"
                required
                value={form.values().newPassword}
                onValue={(v) => form.set('newPassword', v)}
                error={form.errors().newPassword}
              />
              <button
                type="submit"
                class="button button-primary button-block"
                disabled={form.pending()}
              >
                {form.pending() ? 'Saving…' : 'Save the new password'}
              </button>
            </form>
          }
        >
          <p role="status" data-testid="password-reset-done">
            Your password is changed, and every device that was signed in is signed out.
          </p>
        </Show>
        <p class="auth-switch">
          <A href="/sign-in">Sign in</A>
        </p>
      </div>
    </div>
  );
}
