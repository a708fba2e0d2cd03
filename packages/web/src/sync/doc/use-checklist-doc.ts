import { type Accessor, createMemo, onCleanup } from 'solid-js';
import { useSession } from '../../session/SessionProvider.tsx';
import { acquireChecklistDoc, type ChecklistDocHandle } from './checklist-doc-provider.ts';

export { loadChecklistDocs, type ChecklistDocHandle } from './checklist-doc-provider.ts';

// As for the project document (use-project-doc.ts): the next page may take the same document.
const RELEASE_DELAY_MS = 3_000;

/**
 * The signed-in user's copy of a checklist's document, acquired while the calling component lives
 * (and while the ids and user stay the same); undefined when signed out or without a checklist id.
 */
export function useChecklistDoc(
  projectId: Accessor<string>,
  checklistId: Accessor<string | undefined>,
): Accessor<ChecklistDocHandle | undefined> {
  const session = useSession();
  const userId = createMemo(() => session.user()?.id);
  return createMemo(() => {
    const user = userId();
    const checklist = checklistId();
    if (!user || !checklist) return undefined;
    const handle = acquireChecklistDoc(projectId(), checklist, user);
    onCleanup(() => setTimeout(() => handle.release(), RELEASE_DELAY_MS));
    return handle;
  });
}
