import { A, useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { signUpSchema } from '@corates/shared';
import { signUp } from '../api/auth.ts';
import { createForm } from '../forms/create-form.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';

const MESSAGES = {
  name: 'Enter your name (up to 100 characters).',
  email: 'Enter your email address, like name@example.org.',
  password: 'Use 8 to 128 characters.',
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
          <Show when={form.serverError()}>{(error) => <ErrorAlert error={error()} />}</Show>
          <TextField
            label="Name"
            name="name"
            autocomplete="name"
            required
            maxLength={100}
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
            hint="At least 8 characters."
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
