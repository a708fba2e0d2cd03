import { A } from '@solidjs/router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import type { Subscription } from '@corates/shared';
import { ApiError } from '../api/api-error.ts';
import type { ErrorMessages } from '../api/error-messages.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { formatDateTime } from '../ui/format.ts';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import {
  federationKeys,
  listSubscriptions,
  pullNow,
  subscribe,
  unsubscribe,
} from './federation-api.ts';
import { lagText, subscriptionStatus } from './federation-view.ts';
import './federation.css';

/** What an admin can do about each refusal of a pasted invite. */
const SUBSCRIBE_ERRORS: ErrorMessages = {
  VALIDATION_FAILED: 'That is not an invite: paste the whole code the other server gave you.',
  INVITE_INVALID:
    'The other server does not recognise this invite (tampered with, from another server, or this server’s own).',
  INVITE_EXPIRED: 'This invite has expired. Ask the other server’s owner for a new one.',
  INVITE_USED: 'This invite was already used. Ask the other server’s owner for a new one.',
  SHARE_REVOKED: 'The other server revoked this share.',
  SCHEMA_MISMATCH:
    'The two servers’ versions cannot exchange records: one of them needs updating first.',
  PEER_ORIGIN_REFUSED:
    'The invite names a server this server will not call (not https, or a private or local address).',
  PEER_UNREACHABLE:
    'Could not reach the other server, or it answered unexpectedly. Try again later.',
  FEDERATION_NOT_CONFIGURED:
    'This server has no federation key. Whoever runs it can set one (docs/federation.md).',
};

/**
 * The subscriber's side of federation (issue 17), for platform admins: paste another server's
 * invite to subscribe to its share, see each subscription's state, last pull, lag and last
 * error, pull now, and unsubscribe.
 */
export function FederationPage() {
  useDocumentTitle(() => 'Federation');
  const subscriptions = useQuery(() => ({
    queryKey: federationKeys.subscriptions(),
    queryFn: listSubscriptions,
    refetchInterval: 30_000,
    // Each subscription keeps its item across a refetch, and with it the pull's outcome and an
    // open unsubscribe dialog: new objects would remake every item.
    reconcile: 'id',
  }));
  const [removed, setRemoved] = createSignal('');
  const forbidden = () =>
    subscriptions.error instanceof ApiError && subscriptions.error.code === 'FORBIDDEN';

  return (
    <div class="page">
      <nav aria-label="Breadcrumb">
        <A href="/admin" class="back-link">
          <span aria-hidden="true">← </span>Operations
        </A>
      </nav>
      <header class="page-header">
        <h1>Federation</h1>
      </header>
      <Switch>
        <Match when={forbidden()}>
          <p class="alert alert-error" role="alert">
            Only platform admins can see this page. Ask whoever runs this CoRATES server if you need
            access.
          </p>
        </Match>
        <Match when={subscriptions.isError}>
          <ErrorAlert error={subscriptions.error} onRetry={() => void subscriptions.refetch()} />
        </Match>
        <Match when={subscriptions.data}>
          {(list) => (
            <>
              <SubscribeForm />
              <section class="card" aria-labelledby="subscriptions-heading">
                <h2 id="subscriptions-heading">Subscriptions</h2>
                <Show
                  when={list().length > 0}
                  fallback={
                    <p class="empty-state" data-testid="subscriptions-empty">
                      This server does not subscribe to any other server’s share yet.
                    </p>
                  }
                >
                  <ul class="subscription-list" data-testid="subscription-list">
                    <For each={list()}>
                      {(s) => <SubscriptionItem subscription={s} onRemoved={setRemoved} />}
                    </For>
                  </ul>
                </Show>
                <p class="form-status" role="status" data-testid="unsubscribe-status">
                  {removed()}
                </p>
              </section>
            </>
          )}
        </Match>
        <Match when={subscriptions.isPending}>
          <Loading label="Loading subscriptions…" />
        </Match>
      </Switch>
    </div>
  );
}

function SubscribeForm() {
  const queryClient = useQueryClient();
  const [invite, setInvite] = createSignal('');
  const [status, setStatus] = createSignal('');
  let field: HTMLTextAreaElement | undefined;
  const create = useMutation(() => ({
    mutationFn: (text: string) => subscribe(text),
    onSuccess: (s) => {
      setInvite('');
      setStatus(`Subscribed to share ${s.shareId} of ${s.publisher.origin}.`);
      return queryClient.invalidateQueries({ queryKey: federationKeys.subscriptions() });
    },
  }));

  return (
    <section class="card" aria-labelledby="subscribe-heading">
      <h2 id="subscribe-heading">Subscribe to a share</h2>
      <p class="muted">
        An owner on another CoRATES server can share a project with this server: paste the invite
        they gave you. It works once, and expires after 72 hours.
      </p>
      <form
        aria-label="Subscribe with an invite"
        onSubmit={(e) => {
          e.preventDefault();
          setStatus('');
          const text = invite().trim();
          if (!text) {
            field?.focus();
            return;
          }
          create.mutate(text);
        }}
        novalidate
      >
        <label for="subscribe-invite">Invite</label>
        <textarea
          id="subscribe-invite"
          ref={(el) => (field = el)}
          class="invite-token"
          rows={3}
          required
          value={invite()}
          onInput={(e) => setInvite(e.currentTarget.value)}
          data-testid="subscribe-invite"
        />
        <Show when={create.isError}>
          <ErrorAlert error={create.error} messages={SUBSCRIBE_ERRORS} />
        </Show>
        <button
          type="submit"
          class="button"
          disabled={create.isPending || invite().trim() === ''}
          data-testid="subscribe-submit"
        >
          {create.isPending ? 'Subscribing…' : 'Subscribe'}
        </button>
        <p class="form-status" role="status" data-testid="subscribe-status">
          {status()}
        </p>
      </form>
    </section>
  );
}

function SubscriptionItem(props: {
  subscription: Subscription;
  onRemoved: (text: string) => void;
}) {
  const setRemoved = (text: string) => props.onRemoved(text);
  const queryClient = useQueryClient();
  const s = () => props.subscription;
  const [status, setStatus] = createSignal('');
  const pull = useMutation(() => ({
    mutationFn: () => pullNow(s().id),
    onSuccess: (pulled) => {
      setStatus(
        pulled.subscription.lastError
          ? 'The pull stopped: see the last error.'
          : `Pulled: ${pulled.applied} ${pulled.applied === 1 ? 'change' : 'changes'} applied${pulled.refetched ? ' (the share was read again from the start)' : ''}.`,
      );
      return queryClient.invalidateQueries({ queryKey: federationKeys.subscriptions() });
    },
  }));
  const [confirming, setConfirming] = createSignal(false);
  const remove = useMutation(() => ({
    mutationFn: () => unsubscribe(s().id),
    onSuccess: (deleted) => {
      setConfirming(false);
      // The page's own status line goes with the item: the list's live region says it.
      setRemoved(
        deleted.publisher.notified
          ? `Unsubscribed from ${deleted.subscription.publisher.origin}.`
          : `Unsubscribed here; ${deleted.subscription.publisher.origin} could not be told (${deleted.publisher.error ?? 'no answer'}), which changes nothing here.`,
      );
      return queryClient.invalidateQueries({ queryKey: federationKeys.subscriptions() });
    },
  }));
  const tone = () => subscriptionStatus(s());
  const headingId = `subscription-${s().id}`;

  return (
    <li class="subscription-item" data-testid="subscription" data-subscription-id={s().id}>
      <div class="share-head">
        <h3 id={headingId} class="share-title">
          {s().publisher.origin}
        </h3>
        <span class={`badge tone-${tone().tone}`} data-testid="subscription-state">
          {tone().text}
        </span>
      </div>
      <dl class="stat-list">
        <div>
          <dt>Share</dt>
          <dd class="mono">{s().shareId}</dd>
        </div>
        <div>
          <dt>Last pull</dt>
          <dd data-testid="subscription-last-pull">
            {s().lastPullAt ? formatDateTime(s().lastPullAt!) : 'Never'}
          </dd>
        </div>
        <div>
          <dt>Position</dt>
          <dd data-testid="subscription-cursor">change {s().cursor}</dd>
        </div>
        <div>
          <dt>Lag</dt>
          <dd data-testid="subscription-lag">{lagText(s().lag)}</dd>
        </div>
        <div>
          <dt>Subscribed</dt>
          <dd>{formatDateTime(s().createdAt)}</dd>
        </div>
      </dl>
      <Show when={s().mirrorProjectId}>
        {(projectId) => (
          <p>
            <A href={`/projects/${encodeURIComponent(projectId())}`} data-testid="mirror-link">
              Open the mirror project
            </A>{' '}
            <span class="muted">(read-only, kept up to date from {s().publisher.origin})</span>
          </p>
        )}
      </Show>
      <Show when={s().lastError}>
        {(error) => (
          <p class="error-text" data-testid="subscription-error">
            Last error: {error()}
          </p>
        )}
      </Show>
      <div class="share-actions" role="group" aria-labelledby={headingId}>
        <button
          type="button"
          class="button button-small"
          disabled={pull.isPending}
          onClick={() => pull.mutate()}
          data-testid="pull-now"
        >
          {pull.isPending ? 'Pulling…' : 'Pull now'}
        </button>
        <button
          type="button"
          class="button button-small button-danger-quiet"
          onClick={() => setConfirming(true)}
          data-testid="unsubscribe"
        >
          Unsubscribe
        </button>
      </div>
      <Show when={pull.isError}>
        <ErrorAlert error={pull.error} />
      </Show>
      <p class="form-status" role="status" data-testid="pull-status">
        {status()}
      </p>
      <ConfirmDialog
        open={confirming()}
        title="Unsubscribe from this share?"
        confirmLabel="Unsubscribe"
        pendingLabel="Unsubscribing…"
        pending={remove.isPending}
        error={remove.error ?? undefined}
        onConfirm={() => remove.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          This server stops pulling from {s().publisher.origin} and deletes what it holds of the
          share here, its mirror project included. Subscribing again needs a new invite.
        </p>
      </ConfirmDialog>
    </li>
  );
}
