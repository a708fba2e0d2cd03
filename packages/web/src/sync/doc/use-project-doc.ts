import { type Accessor, createMemo, createSignal, onCleanup } from 'solid-js';
import { useSession } from '../../session/SessionProvider.tsx';
import { docReady } from './doc-ready.ts';
import { checklistsOf, studiesOf } from '@corates/shared/doc';
import type * as Y from 'yjs';
import type { DocConnection } from './connection-state.ts';
import { type ProjectDocHandle, acquireProjectDoc } from './project-doc-provider.ts';

// Going from the project page to a checklist unmounts one page and mounts the next. Releasing a
// moment later lets the next page take the same document: one socket, no IndexedDB reload, and
// peers do not see us leave and come back.
const RELEASE_DELAY_MS = 3_000;

/**
 * The signed-in user's copy of a project's document, acquired while the calling component lives
 * (and while the project id and user stay the same); undefined when signed out.
 */
export function useProjectDoc(projectId: Accessor<string>): Accessor<ProjectDocHandle | undefined> {
  const session = useSession();
  const userId = createMemo(() => session.user()?.id);
  return createMemo(() => {
    const user = userId();
    if (!user) return undefined;
    const handle = acquireProjectDoc(projectId(), user);
    onCleanup(() => setTimeout(() => handle.release(), RELEASE_DELAY_MS));
    return handle;
  });
}

/** What `createDocReady` needs of a document handle: the project's or a checklist's. */
interface LoadingDoc {
  doc: Y.Doc;
  loaded: Promise<void>;
  connection: Accessor<DocConnection>;
}

/** A project document's local copy holds something once it has a study or a checklist. */
const projectHasContent = (doc: Y.Doc) => studiesOf(doc).size > 0 || checklistsOf(doc).size > 0;

/**
 * Whether the document can be shown yet (see `docReady`); `hasContent` says whether a loaded local
 * copy holds anything worth showing before the server answers.
 */
export function createDocReady(
  handle: LoadingDoc,
  hasContent: (doc: Y.Doc) => boolean = projectHasContent,
): Accessor<boolean> {
  const [loaded, setLoaded] = createSignal(false);
  const [hasLocalCopy, setHasLocalCopy] = createSignal(false);
  let alive = true;
  onCleanup(() => (alive = false));
  const onLoaded = () => {
    if (!alive) return;
    setHasLocalCopy(hasContent(handle.doc));
    setLoaded(true);
  };
  // Without IndexedDB (some private windows) there is no local copy, but the server still is.
  handle.loaded.then(onLoaded, onLoaded);
  const everSynced = createMemo((was: boolean) => was || handle.connection() === 'online', false);
  return createMemo(() =>
    docReady({
      loaded: loaded(),
      hasLocalCopy: hasLocalCopy(),
      everSynced: everSynced(),
      connection: handle.connection(),
    }),
  );
}
