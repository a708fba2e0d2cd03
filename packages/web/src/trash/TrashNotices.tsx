import { For, createMemo, createSignal } from 'solid-js';
import type { Project } from '@corates/shared';
import { readStudies, readTrash } from '@corates/shared/doc';
import { useMembers } from '../projects/use-members.ts';
import { trashDismissedKey } from '../session/local-data.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { noticeText, noticesFor } from './trash-text.ts';
import './trash.css';

function readDismissed(key: string): Set<string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return new Set(Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

/**
 * Tells a reviewer, in the app, that someone moved their checklist to the trash (issue 20), until
 * they dismiss it. Read from the project document's trash, so it reaches them wherever they open
 * the project, and goes once the work is restored or purged.
 */
export function TrashNotices(props: { project: Project; handle: ProjectDocHandle }) {
  const session = useSession();
  const members = useMembers(() => props.project.id);
  const doc = props.handle.doc;
  const entries = createDocValue(doc, (d) => readTrash(d));
  const meId = () => session.user()?.id ?? '';
  const key = () => trashDismissedKey(meId(), props.project.id);
  const [dismissed, setDismissed] = createSignal(readDismissed(key()));
  const notices = createMemo(() => noticesFor(entries(), meId(), dismissed()));
  const studies = createDocValue(doc, readStudies);
  const titleOf = createMemo(() => new Map(studies().map((s) => [s.id, s.title])));
  const nameOf = (userId: string) =>
    members.data?.find((m) => m.userId === userId)?.name ?? 'an owner';

  // Dismissed notices are remembered per user and project in this browser, and go with the
  // rest of the user's local data ([S1]).
  const dismiss = (id: string) => {
    const next = new Set(dismissed()).add(id);
    setDismissed(next);
    try {
      localStorage.setItem(key(), JSON.stringify([...next]));
    } catch {
      // Storage full or blocked: dismissed for this page only.
    }
  };

  return (
    <For each={notices()}>
      {(entry) => (
        <div class="notice trash-notice" role="status" data-testid="trash-notice">
          <p>{noticeText(entry, titleOf().get(entry.studyId) ?? '', nameOf(entry.by))}</p>
          <button
            type="button"
            class="button button-small"
            aria-label="Dismiss this notice"
            onClick={() => dismiss(entry.id)}
          >
            Dismiss
          </button>
        </div>
      )}
    </For>
  );
}
