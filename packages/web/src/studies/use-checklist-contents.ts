import { type Accessor, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import { onWipeUserData } from '../session/wipe-local-data.ts';
import { loadChecklistDocs } from '../sync/doc/checklist-doc-provider.ts';
import {
  type ScoredContent,
  contentKey,
  contentSettled,
  scoredContentOf,
} from './checklist-contents.ts';
import type { ListedChecklist } from './study-row.ts';

export interface ChecklistContents {
  /** Checklist id → content, for the wanted checklists loaded so far. */
  contents: Accessor<ReadonlyMap<string, ScoredContent>>;
  /** Loading progress across every request since the page opened; undefined when idle. */
  progress: Accessor<{ done: number; total: number } | undefined>;
  /** How many wanted checklists the server withheld (not visible to this user). */
  withheld: Accessor<number>;
  /** How many wanted checklists are neither loaded nor withheld yet. */
  pending: Accessor<number>;
}

/**
 * Settled contents (`contentSettled`) loaded in this tab, by user, project and `contentKey`: a done
 * checklist's content does not change while its status stays, so going back to a page asks the
 * server again only for what changed. An open checklist's content is kept by the page that loaded
 * it only, so the next page reads it afresh. What was withheld is not kept here: access changes without the status changing (an
 * owner turns blinding off).
 */
const loadedContents = new Map<string, ScoredContent>();
const cacheKey = (userId: string, projectId: string, c: ListedChecklist) =>
  `${userId}:${projectId}:${contentKey(c)}`;

onWipeUserData(async (userId) => {
  for (const key of [...loadedContents.keys()])
    if (key.startsWith(`${userId}:`)) loadedContents.delete(key);
});

/**
 * Loads the content of the wanted checklists (read-only snapshots through `loadChecklistDocs`:
 * each one's IndexedDB copy and one HTTP sync), again for a checklist whose status changed.
 */
export function createChecklistContents(
  projectId: string,
  userId: Accessor<string | undefined>,
  wanted: Accessor<readonly ListedChecklist[]>,
): ChecklistContents {
  const withheldKeys = new Set<string>();
  const openContents = new Map<string, ScoredContent>();
  const cached = (key: string) => loadedContents.get(key) ?? openContents.get(key);
  const inFlight = new Set<string>();
  const [version, setVersion] = createSignal(0);
  const [progress, setProgress] = createSignal<{ done: number; total: number }>();
  let alive = true;
  onCleanup(() => (alive = false));
  let asked = 0;
  let answered = 0;

  createEffect(
    on([wanted, userId], ([list, user]) => {
      if (!user) return;
      const key = (c: ListedChecklist) => cacheKey(user, projectId, c);
      const missing = list.filter(
        (c) => !cached(key(c)) && !withheldKeys.has(key(c)) && !inFlight.has(key(c)),
      );
      if (missing.length === 0) return;
      for (const c of missing) inFlight.add(key(c));
      asked += missing.length;
      setProgress({ done: answered, total: asked });
      let reported = 0;
      void loadChecklistDocs(
        projectId,
        missing.map((c) => c.id),
        user,
        (done) => {
          answered += done - reported;
          reported = done;
          if (alive) setProgress({ done: answered, total: asked });
        },
      )
        .then(
          (docs) => {
            for (const c of missing) {
              const doc = docs.get(c.id);
              if (doc)
                (contentSettled(c) ? loadedContents : openContents).set(
                  key(c),
                  scoredContentOf(doc),
                );
              else withheldKeys.add(key(c));
              doc?.destroy();
            }
          },
          // Nothing could be read (no IndexedDB and offline): asked again on the next change.
          () => undefined,
        )
        .finally(() => {
          for (const c of missing) inFlight.delete(key(c));
          answered += missing.length - reported;
          if (!alive) return;
          setProgress(inFlight.size > 0 ? { done: answered, total: asked } : undefined);
          setVersion((v) => v + 1);
        });
    }),
  );

  const contents = createMemo(() => {
    version();
    const user = userId();
    const out = new Map<string, ScoredContent>();
    if (!user) return out;
    for (const c of wanted()) {
      const content = cached(cacheKey(user, projectId, c));
      if (content) out.set(c.id, content);
    }
    return out;
  });
  const withheld = createMemo(() => {
    version();
    const user = userId();
    if (!user) return 0;
    return wanted().filter((c) => withheldKeys.has(cacheKey(user, projectId, c))).length;
  });
  const pending = createMemo(() => {
    version();
    const user = userId();
    if (!user) return wanted().length;
    return wanted().filter((c) => {
      const key = cacheKey(user, projectId, c);
      return !cached(key) && !withheldKeys.has(key);
    }).length;
  });
  return { contents, progress, withheld, pending };
}
