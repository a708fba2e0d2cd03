import { A, useNavigate, useParams } from '@solidjs/router';
import { Match, Switch } from 'solid-js';
import { useSession } from '../session/SessionProvider.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { useAcceptInvitation } from './use-invitations.ts';

const ACCEPT_MESSAGES = {
  INVITATION_WRONG_ACCOUNT:
    'This invitation was sent to another email address. Sign out, then sign in (or create an account) with the address the invitation was sent to.',
  INVITATION_EXPIRED: 'This invitation has expired. Ask the project’s owner to invite you again.',
  NOT_FOUND:
    'This invitation link no longer works: it was withdrawn, replaced by a newer one, or already used.',
  VALIDATION_FAILED: 'This is not a complete invitation link. Check that you copied all of it.',
};

/**
 * Where an invitation link leads (`/invitations/<token>`). Signed out: sign in or up first, with
 * the invited address, and come back here. Signed in: accept, and go to the project.
 */
export function InvitationPage() {
  useDocumentTitle(() => 'Invitation');
  const params = useParams<{ token: string }>();
  const session = useSession();
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const next = () => encodeURIComponent(`/invitations/${params.token}`);

  return (
    <div class="auth-page">
      <div class="card auth-card" data-testid="invitation-page">
        <h1>You are invited to a project</h1>
        <Switch fallback={<Loading label="Checking your session…" />}>
          <Match when={session.user() === null}>
            <p>
              Sign in, or create an account, with the email address this invitation was sent to. You
              come back here to accept it.
            </p>
            <p class="invitation-actions">
              <A class="button button-primary" href={`/sign-up?next=${next()}`}>
                Create an account
              </A>{' '}
              <A class="button" href={`/sign-in?next=${next()}`}>
                Sign in
              </A>
            </p>
          </Match>
          <Match when={session.user()}>
            {(user) => (
              <>
                <p>
                  You are signed in as <strong>{user().email}</strong>. Accept to join the project
                  with the role you were invited to.
                </p>
                <Switch>
                  <Match when={accept.error}>
                    {(error) => <ErrorAlert error={error()} messages={ACCEPT_MESSAGES} />}
                  </Match>
                </Switch>
                <button
                  type="button"
                  class="button button-primary button-block"
                  data-testid="accept-invitation"
                  disabled={accept.isPending}
                  onClick={() =>
                    accept.mutate(params.token, {
                      onSuccess: (project) =>
                        navigate(`/projects/${project.id}`, { replace: true }),
                    })
                  }
                >
                  {accept.isPending ? 'Joining…' : 'Accept invitation'}
                </button>
              </>
            )}
          </Match>
          <Match when={session.error()}>
            {(error) => <ErrorAlert error={error()} onRetry={session.retry} />}
          </Match>
        </Switch>
      </div>
    </div>
  );
}
