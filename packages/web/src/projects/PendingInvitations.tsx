import { For, Show } from 'solid-js';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDate } from '../ui/format.ts';
import { ROLE_LABEL } from '../ui/roles.ts';
import { useInvitations, useRevokeInvitation } from './use-invitations.ts';

const REVOKE_MESSAGES = {
  NOT_FOUND: 'That invitation was already accepted or withdrawn.',
};

/** Owners see who is invited and not yet in, and can withdraw an invitation. */
export function PendingInvitations(props: { projectId: string }) {
  const invitations = useInvitations(
    () => props.projectId,
    () => true,
  );
  const revoke = useRevokeInvitation(() => props.projectId);

  return (
    <Show when={(invitations.data?.length ?? 0) > 0 || invitations.isError}>
      <section class="pending-invitations" aria-labelledby="pending-invitations-heading">
        <h3 id="pending-invitations-heading">Pending invitations</h3>
        <Show when={invitations.isError}>
          <ErrorAlert error={invitations.error} onRetry={() => void invitations.refetch()} />
        </Show>
        <Show when={revoke.error}>
          {(error) => <ErrorAlert error={error()} messages={REVOKE_MESSAGES} />}
        </Show>
        <ul class="invitation-list" data-testid="invitation-list">
          <For each={invitations.data}>
            {(invitation) => (
              <li data-testid="invitation-row">
                <span class="cell-email">{invitation.email}</span>
                <span>{ROLE_LABEL[invitation.role]}</span>
                <span class="muted">
                  until{' '}
                  <time datetime={invitation.expiresAt}>{formatDate(invitation.expiresAt)}</time>
                </span>
                <button
                  type="button"
                  class="button button-small button-danger-quiet"
                  aria-label={`Withdraw the invitation to ${invitation.email}`}
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(invitation.id)}
                >
                  Withdraw
                </button>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
