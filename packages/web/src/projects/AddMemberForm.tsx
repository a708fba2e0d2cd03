import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { type Member, ROLES, addMemberSchema } from '@corates/shared';
import { createForm } from '../forms/create-form.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { TextField } from '../ui/TextField.tsx';
import { ROLE_DESCRIPTION, ROLE_LABEL } from '../ui/roles.ts';
import { useAddMember } from './use-members.ts';

/** What the add-member errors mean on this form. */
export const ADD_MEMBER_MESSAGES = {
  NOT_FOUND:
    'No CoRATES account uses that email address. Ask them to sign up first, then add them.',
  CONFLICT: 'That person is already a member of this project.',
};

/** Owners add an existing account by email, with a role. */
export function AddMemberForm(props: { projectId: string }) {
  const add = useAddMember(() => props.projectId);
  const [added, setAdded] = createSignal<Member>();
  const roleId = createUniqueId();
  const form = createForm({
    schema: addMemberSchema,
    initial: { email: '', role: 'editor' },
    messages: {
      email: 'Enter their email address, like name@example.org.',
      role: 'Choose a role.',
    },
    async submit(data) {
      setAdded(undefined);
      const member = await add.mutateAsync(data);
      form.reset();
      setAdded(member);
    },
  });

  return (
    <form
      ref={form.ref}
      class="card add-member"
      aria-labelledby="add-member-heading"
      onSubmit={form.onSubmit}
      novalidate
    >
      <h3 id="add-member-heading">Add a member</h3>
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
            setAdded(undefined);
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
          {form.pending() ? 'Adding…' : 'Add member'}
        </button>
      </div>
      <Show when={form.serverError()}>
        {(error) => <ErrorAlert error={error()} messages={ADD_MEMBER_MESSAGES} />}
      </Show>
      <p class="form-status" role="status">
        <Show when={added()}>
          {(member) => `Added ${member().name} as ${ROLE_LABEL[member().role].toLowerCase()}.`}
        </Show>
      </p>
    </form>
  );
}
