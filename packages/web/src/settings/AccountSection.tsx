import { Show, createSignal, type JSX } from 'solid-js';
import { useQueryClient } from '@tanstack/solid-query';
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  changeEmailSchema,
  changeNameSchema,
  changePasswordSchema,
} from '@corates/shared';
import { changeEmail, changeName, changePassword } from '../auth/account-api.ts';
import { createForm } from '../forms/create-form.ts';
import { ME_QUERY_KEY } from '../session/me-query.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { TextField } from '../ui/TextField.tsx';

const MESSAGES = {
  name: 'Enter your name (up to 100 characters), without < > or invisible characters.',
  newEmail: 'Enter an email address, like name@example.org.',
  currentPassword: 'Enter your current password.',
  newPassword: `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters, not one character repeated.`,
};

/** The server's refusals, in these forms' words. */
const ACCOUNT_MESSAGES = {
  WRONG_PASSWORD: 'That is not your current password.',
  ACCOUNT_EXISTS: 'Another account has this email address.',
  WEAK_PASSWORD:
    'That password is too common or too close to your email or name. Choose one that is harder to guess.',
  RATE_LIMITED: 'Too many attempts. Please wait a few minutes and try again.',
};

function AccountForm(props: {
  title: string;
  label: string;
  form: { ref: (f: HTMLFormElement) => void; onSubmit: (e: SubmitEvent) => Promise<void> };
  pending: boolean;
  error: unknown;
  saved: string | undefined;
  children: JSX.Element;
}) {
  return (
    <form
      class="card account-form"
      ref={props.form.ref}
      onSubmit={props.form.onSubmit}
      novalidate
      aria-busy={props.pending}
      aria-label={props.title}
    >
      <h2>{props.title}</h2>
      <Show when={props.error}>
        {(e) => <ErrorAlert error={e()} messages={ACCOUNT_MESSAGES} />}
      </Show>
      <Show when={props.saved}>
        {(message) => (
          <p class="alert alert-success" role="status">
            {message()}
          </p>
        )}
      </Show>
      {props.children}
      <button type="submit" class="button button-primary" disabled={props.pending}>
        {props.pending ? 'Saving…' : props.label}
      </button>
    </form>
  );
}

/**
 * Name, email and password. Unlike the preferences these go to the server at once (they need
 * it: the password is checked there), so they work online only.
 */
export function AccountSection() {
  const session = useSession();
  const queryClient = useQueryClient();
  const refreshSession = () => queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  const [saved, setSaved] = createSignal<{ form: string; message: string }>();
  const savedIn = (form: string) => (saved()?.form === form ? saved()?.message : undefined);

  const nameForm = createForm({
    schema: changeNameSchema,
    initial: { name: session.user()?.name ?? '' },
    messages: MESSAGES,
    async submit(data) {
      setSaved(undefined);
      await changeName(data);
      await refreshSession();
      setSaved({ form: 'name', message: 'Your name is changed.' });
    },
  });
  const emailForm = createForm({
    schema: changeEmailSchema,
    initial: { newEmail: '', currentPassword: '' },
    messages: MESSAGES,
    async submit(data) {
      setSaved(undefined);
      const user = await changeEmail(data);
      await refreshSession();
      emailForm.reset();
      setSaved({ form: 'email', message: `You now sign in with ${user.email}.` });
    },
  });
  const passwordForm = createForm({
    schema: changePasswordSchema,
    initial: { currentPassword: '', newPassword: '' },
    messages: MESSAGES,
    async submit(data) {
      setSaved(undefined);
      await changePassword(data);
      passwordForm.reset();
      setSaved({
        form: 'password',
        message: 'Your password is changed. Your other devices are signed out.',
      });
    },
  });

  return (
    <section class="account-section" aria-labelledby="account-heading">
      <h2 id="account-heading">Account</h2>
      <AccountForm
        title="Name"
        label="Save name"
        form={nameForm}
        pending={nameForm.pending()}
        error={nameForm.serverError()}
        saved={savedIn('name')}
      >
        <TextField
          label="Name"
          name="name"
          autocomplete="name"
          required
          value={nameForm.values().name}
          onValue={(v) => nameForm.set('name', v)}
          error={nameForm.errors().name}
        />
      </AccountForm>
      <AccountForm
        title="Email address"
        label="Change email"
        form={emailForm}
        pending={emailForm.pending()}
        error={emailForm.serverError()}
        saved={savedIn('email')}
      >
        <p class="muted" data-testid="current-email">
          You sign in with {session.user()?.email}.
        </p>
        <TextField
          label="New email address"
          name="newEmail"
          type="email"
          autocomplete="email"
          required
          value={emailForm.values().newEmail}
          onValue={(v) => emailForm.set('newEmail', v)}
          error={emailForm.errors().newEmail}
        />
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          required
          testId="email-current-password"
          value={emailForm.values().currentPassword}
          onValue={(v) => emailForm.set('currentPassword', v)}
          error={emailForm.errors().currentPassword}
        />
      </AccountForm>
      <AccountForm
        title="Password"
        label="Change password"
        form={passwordForm}
        pending={passwordForm.pending()}
        error={passwordForm.serverError()}
        saved={savedIn('password')}
      >
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          required
          testId="password-current-password"
          value={passwordForm.values().currentPassword}
          onValue={(v) => passwordForm.set('currentPassword', v)}
          error={passwordForm.errors().currentPassword}
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autocomplete="new-password"
          required
          value={passwordForm.values().newPassword}
          onValue={(v) => passwordForm.set('newPassword', v)}
          error={passwordForm.errors().newPassword}
        />
      </AccountForm>
    </section>
  );
}
