import { A, useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { DISPLAY_NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, signUpSchema } from '@corates/shared';
import { signUp } from '../api/auth.ts';
import { createForm } from '../forms/create-form.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';

const MESSAGES = {
  email: 'Enter your email address, like name@example.org.',
  password: `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not one character repeated.`,
  name: 'Enter your name (up to 100 characters), without < > or invisible characters.',
};

/** The server's refusals, in this form's words. */
const SIGN_UP_MESSAGES = {
  WEAK_PASSWORD:
    'That password is too common or too close to your email or name. Choose one that is harder to guess.',
};

export function SignUpPage() {
  useDocumentTitle(() => 'Create an account');
  const session = useSession();
  const [search] = useSearchParams<{ next?: string }>();
  const form = createForm({
    schema: signUpSchema,
    initial: { name: '', email: '', password: '' },
    messages: MESSAGES,
    async submit(data) {
      await signUp(data);
      // better-auth signs the new account in; GuestOnly then sends the user on.
      await session.reset();
    },
  });

  return (
    <div class="auth-page">
      <div class="card auth-card">
        <h1>Create an account</h1>
        <p class="muted">Appraise studies together, online or off.</p>
        <form ref={form.ref} onSubmit={form.onSubmit} novalidate aria-busy={form.pending()}>
          <Show when={form.serverError()}>
            {(error) => <ErrorAlert error={error()} messages={SIGN_UP_MESSAGES} />}
          </Show>
          <TextField
            label="Name"
            name="name"
            autocomplete="name"
            required
            maxLength={DISPLAY_NAME_MAX}
            value={form.values().name}
            onValue={(v) => form.set('name', v)}
            error={form.errors().name}
          />
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
            autocomplete="new-password"
            required
            hint={`At least ${PASSWORD_MIN} characters. Common passwords are refused; a few unrelated words make a good one.`}
            value={form.values().password}
            onValue={(v) => form.set('password', v)}
            error={form.errors().password}
          />
          <button
            type="submit"
            class="button button-primary button-block"
            disabled={form.pending()}
          >
            {form.pending() ? 'Creating account…' : 'Create account'}
          </button>
        </form>
        <p class="auth-switch">
          Already have an account?{' '}
          <A href={search.next ? `/sign-in?next=${encodeURIComponent(search.next)}` : '/sign-in'}>
            Sign in
          </A>
        </p>
      </div>
    </div>
  );
}
