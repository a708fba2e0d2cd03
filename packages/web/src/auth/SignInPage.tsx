import { A, useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { signInSchema } from '@corates/shared';
import { signIn } from '../api/auth.ts';
import { createForm } from '../forms/create-form.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';

const MESSAGES = {
  email: 'Enter your email address, like name@example.org.',
  password: 'Enter your password.',
};

export function SignInPage() {
  useDocumentTitle(() => 'Sign in');
  const session = useSession();
  const [search] = useSearchParams<{ next?: string }>();
  const form = createForm({
    schema: signInSchema,
    initial: { email: '', password: '' },
    messages: MESSAGES,
    async submit(data) {
      await signIn(data);
      // GuestOnly sends the now signed-in user on to `next`.
      await session.reset();
    },
  });

  return (
    <div class="auth-page">
      <div class="card auth-card">
        <h1>Sign in</h1>
        {/* Said to a first visit as much as to a return: what CoRATES is, not "welcome back". */}
        <p class="muted" data-testid="sign-in-intro">
          CoRATES is where review teams appraise studies together — AMSTAR 2, ROBINS-I and RoB 2,
          online or offline.
        </p>
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
          <TextField
            label="Password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={form.values().password}
            onValue={(v) => form.set('password', v)}
            error={form.errors().password}
          />
          <button
            type="submit"
            class="button button-primary button-block"
            disabled={form.pending()}
          >
            {form.pending() ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p class="auth-switch">
          <A href="/forgot-password">Forgot your password?</A>
        </p>
        <p class="auth-switch">
          New to CoRATES?{' '}
          <A href={search.next ? `/sign-up?next=${encodeURIComponent(search.next)}` : '/sign-up'}>
            Create an account
          </A>
        </p>
      </div>
    </div>
  );
}
