import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createMemo, createSignal, createUniqueId } from 'solid-js';
import type { InviteCreated, Project, Share } from '@corates/shared';
import { readStudies } from '@corates/shared/doc';
import type { ErrorMessages } from '../api/error-messages.ts';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { formatDateTime } from '../ui/format.ts';
import {
  createInvite,
  createShare,
  federationKeys,
  listShares,
  revokeShare,
  setShareStatus,
} from './federation-api.ts';
import { expiresText, shareRequest, shareScopeText, shareStatusText } from './federation-view.ts';
import { ShareDetails } from './ShareDetails.tsx';
import './federation.css';

const SHARE_ERRORS: ErrorMessages = {
  FEDERATION_NOT_CONFIGURED:
    'This server has no federation key, so it cannot share. Whoever runs it can set one (docs/federation.md).',
  SHARE_REVOKED: 'This share was revoked: it cannot be used again.',
};

/**
 * "Sharing with other servers" (issue 17, docs/federation.md), in a project's Settings for its
 * owners: share the whole project or chosen studies read-only, make single-use invites for another
 * server's admin, pause, resume and revoke; open a share to see its subscribers and its DAG.
 */
export function SharesSection(props: { project: Project; handle: ProjectDocHandle }) {
  const studies = createDocValue(props.handle.doc, readStudies);
  const titleOf = createMemo(() => {
    const map = new Map(studies().map((s) => [s.id, s.title]));
    return (id: string) => map.get(id);
  });
  const shares = useQuery(() => ({
    queryKey: federationKeys.shares(props.project.id),
    queryFn: () => listShares(props.project.id),
    // Each share keeps its item (and so the invite shown, its details open) across a refetch.
    reconcile: 'id',
  }));

  return (
    <Show when={props.project.role === 'owner'}>
      <section class="shares" aria-labelledby="shares-heading" data-testid="shares-section">
        <h2 id="shares-heading">Sharing with other servers</h2>
        <p class="muted">
          Another CoRATES server can keep a read-only copy of this project, or of some of its
          studies, and stay up to date with it. A checklist’s answers travel only once its appraisal
          is finalized. Create a share, then give its invite to the other server’s admin.
        </p>
        <NewShareForm
          projectId={props.project.id}
          studies={studies().map((s) => ({ id: s.id, title: s.title }))}
        />
        <h3>Shares</h3>
        <Show when={shares.isError}>
          <ErrorAlert error={shares.error} onRetry={() => void shares.refetch()} />
        </Show>
        <Show when={shares.isPending}>
          <Loading label="Loading shares…" />
        </Show>
        <Show when={shares.data}>
          {(list) => (
            <Show
              when={list().length > 0}
              fallback={
                <p class="empty-state" data-testid="shares-empty">
                  This project is not shared with any other server.
                </p>
              }
            >
              <ul class="share-list" data-testid="share-list">
                <For each={list()}>
                  {(share) => (
                    <ShareItem share={share} projectId={props.project.id} titleOf={titleOf()} />
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </section>
    </Show>
  );
}

function NewShareForm(props: { projectId: string; studies: { id: string; title: string }[] }) {
  const queryClient = useQueryClient();
  const [scope, setScope] = createSignal<'project' | 'studies'>('project');
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = createSignal<string>();
  const [status, setStatus] = createSignal('');
  const name = createUniqueId();
  const create = useMutation(() => ({
    mutationFn: (body: { mode: 'read'; studyIds?: string[] }) => createShare(props.projectId, body),
    onSuccess: (share) => {
      setChosen(new Set<string>());
      setStatus(
        `Created a share of ${share.scope === 'project' ? 'the whole project' : `${share.studyIds.length} ${share.studyIds.length === 1 ? 'study' : 'studies'}`}. Create an invite for it below.`,
      );
      return queryClient.invalidateQueries({ queryKey: federationKeys.shares(props.projectId) });
    },
  }));

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen());
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
    setProblem(undefined);
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setStatus('');
    const request = shareRequest(scope(), chosen());
    if (!request.ok) {
      setProblem(request.message);
      return;
    }
    setProblem(undefined);
    create.mutate(request.body);
  };

  return (
    <form class="share-form" aria-label="Create a share" onSubmit={submit} novalidate>
      <fieldset>
        <legend>What to share</legend>
        <label class="choice">
          <input
            type="radio"
            name={name}
            value="project"
            checked={scope() === 'project'}
            onChange={() => setScope('project')}
            data-testid="share-scope-project"
          />{' '}
          The whole project
        </label>
        <label class="choice">
          <input
            type="radio"
            name={name}
            value="studies"
            checked={scope() === 'studies'}
            onChange={() => setScope('studies')}
            disabled={props.studies.length === 0}
            data-testid="share-scope-studies"
          />{' '}
          Chosen studies
          <Show when={props.studies.length === 0}>
            <span class="muted"> (the project has no studies yet)</span>
          </Show>
        </label>
        <Show when={scope() === 'studies'}>
          <fieldset class="share-study-choice" data-testid="share-studies">
            <legend>Studies</legend>
            <For each={props.studies}>
              {(study) => (
                <label class="choice">
                  <input
                    type="checkbox"
                    checked={chosen().has(study.id)}
                    onChange={(e) => toggle(study.id, e.currentTarget.checked)}
                  />{' '}
                  {study.title}
                </label>
              )}
            </For>
          </fieldset>
        </Show>
      </fieldset>
      <Show when={problem()}>
        <p class="field-error" role="alert">
          {problem()}
        </p>
      </Show>
      <Show when={create.isError}>
        <ErrorAlert error={create.error} messages={SHARE_ERRORS} />
      </Show>
      <button type="submit" class="button" disabled={create.isPending} data-testid="create-share">
        {create.isPending ? 'Creating…' : 'Create share'}
      </button>
      <p class="form-status" role="status" data-testid="create-share-status">
        {status()}
      </p>
    </form>
  );
}

function ShareItem(props: {
  share: Share;
  projectId: string;
  titleOf: (id: string) => string | undefined;
}) {
  const queryClient = useQueryClient();
  const [invite, setInvite] = createSignal<InviteCreated>();
  const [confirming, setConfirming] = createSignal(false);
  const [copied, setCopied] = createSignal('');
  let inviteField: HTMLTextAreaElement | undefined;
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: federationKeys.shares(props.projectId) });
  const makeInvite = useMutation(() => ({
    mutationFn: () => createInvite(props.share.id),
    onSuccess: (created) => {
      setCopied('');
      setInvite(created);
      queueMicrotask(() => inviteField?.focus());
    },
  }));
  const revoke = useMutation(() => ({
    mutationFn: () => revokeShare(props.share.id),
    onSuccess: async () => {
      setConfirming(false);
      setInvite(undefined);
      await refresh();
    },
  }));
  const pause = useMutation(() => ({
    mutationFn: (status: 'active' | 'paused') => setShareStatus(props.share.id, status),
    onSuccess: refresh,
  }));
  const [open, setOpen] = createSignal(false);
  const active = () => props.share.status === 'active';
  const revoked = () => props.share.status === 'revoked';
  const headingId = createUniqueId();

  const copy = async () => {
    const text = invite()?.invite;
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Invite copied.');
    } catch {
      // No clipboard permission (or an insecure origin): leave it selected to copy by hand.
      inviteField?.select();
      setCopied('Could not copy: the invite is selected, copy it with your keyboard.');
    }
  };

  return (
    <li class="share-item" data-testid="share" data-share-id={props.share.id}>
      <div class="share-head">
        <h4 id={headingId} class="share-title">
          {shareScopeText(props.share, props.titleOf)}
        </h4>
        <span
          class={`badge tone-${shareStatusText(props.share.status).tone}`}
          data-testid="share-status"
        >
          {shareStatusText(props.share.status).text}
        </span>
      </div>
      <p class="muted">
        Created {formatDateTime(props.share.createdAt)}
        <Show when={props.share.revokedAt}>{(at) => <> · revoked {formatDateTime(at())}</>}</Show>
        {' · '}
        <span class="share-id">{props.share.id}</span>
      </p>
      <Show when={props.share.status === 'paused'}>
        <p class="muted" data-testid="share-paused-note">
          Paused: its subscribers are refused until you resume it, then they catch up.
        </p>
      </Show>
      <Show when={!revoked()}>
        <div class="share-actions" role="group" aria-labelledby={headingId}>
          <button
            type="button"
            class="button button-small"
            aria-expanded={open()}
            onClick={() => setOpen(!open())}
            data-testid="toggle-share-details"
          >
            {open() ? 'Hide subscribers' : 'Subscribers and records'}
          </button>
          <button
            type="button"
            class="button button-small"
            disabled={makeInvite.isPending || !active()}
            title={active() ? undefined : 'Resume the share to invite another server'}
            onClick={() => makeInvite.mutate()}
            data-testid="create-invite"
          >
            {makeInvite.isPending ? 'Creating invite…' : invite() ? 'New invite' : 'Create invite'}
          </button>
          <button
            type="button"
            class="button button-small"
            disabled={pause.isPending}
            onClick={() => pause.mutate(active() ? 'paused' : 'active')}
            data-testid={active() ? 'pause-share' : 'resume-share'}
          >
            {active() ? 'Pause' : 'Resume'}
          </button>
          <button
            type="button"
            class="button button-small button-danger-quiet"
            onClick={() => setConfirming(true)}
            data-testid="revoke-share"
          >
            Revoke
          </button>
        </div>
      </Show>
      <Show when={pause.isError}>
        <ErrorAlert error={pause.error} messages={SHARE_ERRORS} />
      </Show>
      <Show when={makeInvite.isError}>
        <ErrorAlert error={makeInvite.error} messages={SHARE_ERRORS} />
      </Show>
      <Show when={invite()}>
        {(created) => (
          <div class="invite-box" data-testid="invite">
            <label for={`${headingId}-invite`}>
              Invite — give it to the other server’s admin; it works once.
            </label>
            <textarea
              id={`${headingId}-invite`}
              ref={(el) => (inviteField = el)}
              class="invite-token"
              readOnly
              rows={3}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="invite-token"
            >
              {created().invite}
            </textarea>
            <div class="invite-meta">
              <button
                type="button"
                class="button button-small"
                onClick={() => void copy()}
                data-testid="copy-invite"
              >
                Copy invite
              </button>
              <span data-testid="invite-expiry" title={formatDateTime(created().expiresAt)}>
                {expiresText(created().expiresAt, Date.now())} (
                {formatDateTime(created().expiresAt)})
              </span>
            </div>
            <p class="form-status" role="status">
              {copied()}
            </p>
          </div>
        )}
      </Show>
      <Show when={open() && !revoked()}>
        <ShareDetails shareId={props.share.id} />
      </Show>
      <ConfirmDialog
        open={confirming()}
        title="Revoke this share?"
        confirmLabel="Revoke share"
        pendingLabel="Revoking…"
        pending={revoke.isPending}
        error={revoke.error ?? undefined}
        onConfirm={() => revoke.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          The servers that subscribed keep the copy they have, but get no more changes, and its
          invites stop working. A revoked share cannot be used again.
        </p>
      </ConfirmDialog>
    </li>
  );
}
