import { useNavigate } from '@solidjs/router';
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import { type Member, type Project, ROLES, type Role, roleSchema } from '@corates/shared';
import { useSession } from '../session/SessionProvider.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { UnsyncedBadge } from '../sync/UnsyncedBadge.tsx';
import { RoleBadge } from '../ui/RoleBadge.tsx';
import { formatDate } from '../ui/format.ts';
import { ROLE_LABEL } from '../ui/roles.ts';
import { AddMemberForm } from './AddMemberForm.tsx';
import { PendingInvitations } from './PendingInvitations.tsx';
import { useChangeMemberRole, useMembers, useRemoveMember } from './use-members.ts';

const MEMBER_ACTION_MESSAGES = {
  LAST_OWNER: 'A project needs at least one owner. Make someone else an owner first.',
  NOT_FOUND: 'That person is no longer a member of this project.',
};

/** The members table; owners also get the add form, role selects and remove buttons. */
export function MembersSection(props: { project: Project }) {
  const session = useSession();
  const navigate = useNavigate();
  const projectId = () => props.project.id;
  const members = useMembers(projectId);
  const changeRole = useChangeMemberRole(projectId);
  const remove = useRemoveMember(projectId);
  const [toRemove, setToRemove] = createSignal<Member>();
  let removeTrigger: HTMLButtonElement | undefined;
  let heading: HTMLHeadingElement | undefined;

  const isOwner = () => props.project.role === 'owner';
  const myId = () => session.user()?.id;

  const onRoleChange = (member: Member, select: HTMLSelectElement) => {
    const parsed = roleSchema.safeParse(select.value);
    if (!parsed.success || parsed.data === member.role) return;
    remove.reset();
    changeRole.mutate(
      { userId: member.userId, role: parsed.data },
      // The select shows the user's pick; put it back to the server's value when refused.
      { onError: () => (select.value = member.role) },
    );
  };

  const askRemove = (member: Member, trigger: HTMLButtonElement) => {
    remove.reset();
    changeRole.reset();
    removeTrigger = trigger;
    setToRemove(member);
  };
  const cancelRemove = () => {
    setToRemove(undefined);
    removeTrigger?.focus();
  };
  const confirmRemove = (member: Member) => {
    const leaving = member.userId === myId();
    remove.mutate(
      { userId: member.userId, leaving },
      {
        onSuccess: () => {
          setToRemove(undefined);
          if (leaving) navigate('/', { replace: true });
          else heading?.focus();
        },
      },
    );
  };

  return (
    <section class="members" aria-labelledby="members-heading">
      <h2 id="members-heading" ref={(el) => (heading = el)} tabindex="-1">
        Members
      </h2>
      <Show when={isOwner()}>
        <AddMemberForm projectId={props.project.id} />
        <PendingInvitations projectId={props.project.id} />
      </Show>
      <Show when={changeRole.error}>
        {(error) => <ErrorAlert error={error()} messages={MEMBER_ACTION_MESSAGES} />}
      </Show>
      <Switch>
        <Match when={members.data}>
          {(list) => (
            <>
              <Show when={members.isError}>
                <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
              </Show>
              <div class="table-wrap">
                <table class="members-table" data-testid="member-list">
                  <caption class="visually-hidden">Members of {props.project.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Email</th>
                      <th scope="col">Role</th>
                      <th scope="col">Joined</th>
                      <Show when={isOwner()}>
                        <th scope="col">
                          <span class="visually-hidden">Actions</span>
                        </th>
                      </Show>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(member) => (
                        <tr data-testid="member-row">
                          <td data-label="Name">
                            {/* One element, so the narrow layout's cell grid keeps it together. */}
                            <span>
                              {member.name}
                              <Show when={member.userId === myId()}>
                                <span class="muted"> (you)</span>
                              </Show>
                            </span>
                          </td>
                          <td data-label="Email" class="cell-email">
                            {member.email}
                          </td>
                          <td data-label="Role">
                            <Show when={isOwner()} fallback={<RoleBadge role={member.role} />}>
                              <select
                                class="select-compact"
                                aria-label={`Role for ${member.name}`}
                                disabled={changeRole.isPending}
                                onChange={(e) => onRoleChange(member, e.currentTarget)}
                              >
                                <For each={ROLES}>
                                  {(role: Role) => (
                                    // `selected` rather than the select's value: Solid sets the
                                    // value before <For> has rendered the options.
                                    <option value={role} selected={role === member.role}>
                                      {ROLE_LABEL[role]}
                                    </option>
                                  )}
                                </For>
                              </select>
                            </Show>
                            <UnsyncedBadge
                              entityKey={`membership:${props.project.id}:${member.userId}`}
                            />
                          </td>
                          <td data-label="Joined">
                            <time datetime={member.joinedAt}>{formatDate(member.joinedAt)}</time>
                          </td>
                          <Show when={isOwner()}>
                            <td class="cell-actions">
                              <button
                                type="button"
                                class="button button-small button-danger-quiet"
                                aria-label={`Remove ${member.name}`}
                                onClick={(e) => askRemove(member, e.currentTarget)}
                              >
                                Remove
                              </button>
                            </td>
                          </Show>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <Show when={!isOwner()}>
                <p class="muted">Only owners can invite, remove or change members.</p>
              </Show>
            </>
          )}
        </Match>
        <Match when={members.isError}>
          <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
        </Match>
        <Match when={members.isPending}>
          <Loading label="Loading members…" />
        </Match>
      </Switch>

      <ConfirmDialog
        open={toRemove() !== undefined}
        title={toRemove()?.userId === myId() ? 'Leave this project?' : 'Remove this member?'}
        confirmLabel={toRemove()?.userId === myId() ? 'Leave project' : 'Remove member'}
        pendingLabel="Removing…"
        pending={remove.isPending}
        error={remove.error ?? undefined}
        errorMessages={MEMBER_ACTION_MESSAGES}
        onCancel={cancelRemove}
        onConfirm={() => {
          const member = toRemove();
          if (member) confirmRemove(member);
        }}
      >
        <Show when={toRemove()}>
          {(member) => (
            <p>
              <Show
                when={member().userId === myId()}
                fallback={
                  <>
                    {member().name} ({member().email}) will lose access to “{props.project.name}”.
                  </>
                }
              >
                You will lose access to “{props.project.name}”.
              </Show>
            </p>
          )}
        </Show>
      </ConfirmDialog>
    </section>
  );
}
