import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { type InvitationSent, ROLES, addMemberSchema } from '@corates/shared';
import { createForm } from '../forms/create-form.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { TextField } from '../ui/TextField.tsx';
import { ROLE_DESCRIPTION, ROLE_LABEL } from '../ui/roles.ts';
import { useInviteMember } from './use-invitations.ts';

/** What the invite errors mean on this form. */
export const ADD_MEMBER_MESSAGES = {
  CONFLICT: 'That person is already a member of this project.',
};

/**
 * Owners invite people by email, with a role. The answer is the same whether or not the address
 * has an account; the person joins when they open the link and accept it, signed in with that
 * address. On a server that sends no mail the link is shown here, to pass on by hand.
 */
export function AddMemberForm(props: { projectId: string }) {
  const invite = useInviteMember(() => props.projectId);
  const [sent, setSent] = createSignal<InvitationSent>();
  const [copied, setCopied] = createSignal(false);
  const roleId = createUniqueId();
  const form = createForm({
    schema: addMemberSchema,
    initial: { email: '', role: 'editor' },
    messages: {
      email: 'Enter their email address, like name@example.org.',
      role: 'Choose a role.',
    },
    async submit(data) {
      setSent(undefined);
      setCopied(false);
      const answer = await invite.mutateAsync(data);
      form.reset();
      setSent(answer);
    },
  });

  const copy = async (link: string) => {
    await navigator.clipboard?.writeText(link).catch(() => undefined);
    setCopied(true);
  };

  return (
    <form
      ref={form.ref}
      class="card add-member"
      aria-labelledby="add-member-heading"
      onSubmit={form.onSubmit}
      novalidate
    >
      <h3 id="add-member-heading">Invite a member</h3>
      <div class="add-member-fields">
        <TextField
          label="Email address"
          name="email"
          type="email"
          autocomplete="off"
          required
          testId="add-member-email"
          value={form.values().email}
          onValue={(v) => {
            form.set('email', v);
            setSent(undefined);
          }}
          error={form.errors().email}
        />
        <div class="field">
          <label for={roleId}>Role</label>
          <select
            id={roleId}
            name="role"
            data-testid="add-member-role"
            onChange={(e) => form.set('role', e.currentTarget.value)}
          >
            <For each={ROLES}>
              {(role) => (
                <option value={role} selected={role === form.values().role}>
                  {ROLE_LABEL[role]} — {ROLE_DESCRIPTION[role]}
                </option>
              )}
            </For>
          </select>
        </div>
        <button
          type="submit"
          class="button button-primary"
          data-testid="add-member-submit"
          disabled={form.pending()}
        >
          {form.pending() ? 'Inviting…' : 'Send invitation'}
        </button>
      </div>
      <Show when={form.serverError()}>
        {(error) => <ErrorAlert error={error()} messages={ADD_MEMBER_MESSAGES} />}
      </Show>
      <p class="form-status" role="status">
        <Show when={sent()}>
          {(answer) =>
            `Invited ${answer().invitation.email} as ${ROLE_LABEL[answer().invitation.role].toLowerCase()}. ` +
            'They join once they accept the invitation, signed in with that address.'
          }
        </Show>
      </p>
      <Show when={sent()?.link}>
        {(link) => (
          <div class="invitation-link" data-testid="invitation-link-box">
            <p>
              This server sends no email. Send them this link yourself (it works for 7 days, and
              only for that address):
            </p>
            <div class="invitation-link-row">
              <input
                type="text"
                readOnly
                aria-label="Invitation link"
                data-testid="invitation-link"
                value={link()}
                onFocus={(e) => e.currentTarget.select()}
              />
              <button type="button" class="button button-small" onClick={() => void copy(link())}>
                {copied() ? 'Copied' : 'Copy link'}
              </button>
            </div>
          </div>
        )}
      </Show>
    </form>
  );
}
