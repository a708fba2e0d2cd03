import { A } from '@solidjs/router';
import { Show, createSignal } from 'solid-js';
import { requestPasswordResetSchema } from '@corates/shared';
import { createForm } from '../forms/create-form.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { requestPasswordReset } from './account-api.ts';

const MESSAGES = { email: 'Enter your email address, like name@example.org.' };

/** Asks for a reset link. What it says after does not depend on whether the account exists. */
export function ForgotPasswordPage() {
  useDocumentTitle(() => 'Forgot password');
  const [sentTo, setSentTo] = createSignal<string>();
  const form = createForm({
    schema: requestPasswordResetSchema,
    initial: { email: '' },
    messages: MESSAGES,
    async submit(data) {
      await requestPasswordReset(data);
      setSentTo(data.email);
    },
  });

  return (
    <div class="auth-page">
      <div class="card auth-card">
        <h1>Forgot your password?</h1>
        <Show
          when={sentTo()}
          fallback={
            <>
              <p class="muted">We will email you a link to choose a new one.</p>
              <form ref={form.ref} onSubmit={form.onSubmit} novalidate aria-busy={form.pending()}>
                <Show when={form.serverError()}>{(error) => <ErrorAlert error={error()} />}</Show>
                <TextField
                  label="Email"
                  name="email"
                  type="email"
                  autocomplete="email"
                  required
                  value={form.values().email}
                  onValue={(v) => form.set('email', v)}
                  error={form.errors().email}
                />
                <button
                  type="submit"
                  class="button button-primary button-block"
                  disabled={form.pending()}
                >
                  {form.pending() ? 'Sending…' : 'Send the link'}
                </button>
              </form>
            </>
          }
        >
          {(email) => (
            <p role="status" data-testid="reset-requested">
              If an account has the address {email()}, a link to reset its password is on its way.
              It works once, for an hour.
            </p>
          )}
        </Show>
        <p class="auth-switch">
          <A href="/sign-in">Back to sign in</A>
        </p>
      </div>
    </div>
  );
}
