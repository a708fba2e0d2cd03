import { type Accessor, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import { loadChecklistDocs } from '../sync/doc/checklist-doc-provider.ts';
import { type ScoredContent, contentKey, scoredContentOf } from './checklist-contents.ts';
import type { ListedChecklist } from './study-row.ts';

export interface ChecklistContents {
  /** Checklist id → content, for the wanted checklists loaded so far. */
  contents: Accessor<ReadonlyMap<string, ScoredContent>>;
  /** Loading progress across every request since the page opened; undefined when idle. */
  progress: Accessor<{ done: number; total: number } | undefined>;
  /** How many wanted checklists the server withheld (not visible to this user). */
  withheld: Accessor<number>;
}

/**
 * Loads the content of the wanted checklists (read-only snapshots through `loadChecklistDocs`:
 * each one's IndexedDB copy and one HTTP sync), again for a checklist whose status changed, and
 * keeps what it loaded while the calling component lives.
 */
export function createChecklistContents(
  projectId: string,
  userId: Accessor<string | undefined>,
  wanted: Accessor<readonly ListedChecklist[]>,
): ChecklistContents {
  const cache = new Map<string, ScoredContent | 'withheld'>();
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
      const missing = list.filter((c) => !cache.has(contentKey(c)) && !inFlight.has(contentKey(c)));
      if (missing.length === 0) return;
      for (const c of missing) inFlight.add(contentKey(c));
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
              cache.set(contentKey(c), doc ? scoredContentOf(doc) : 'withheld');
              doc?.destroy();
            }
          },
          // Nothing could be read (IndexedDB unavailable and offline): asked again on a change.
          () => undefined,
        )
        .finally(() => {
          for (const c of missing) inFlight.delete(contentKey(c));
          answered += missing.length - reported;
          if (!alive) return;
          setProgress(inFlight.size > 0 ? { done: answered, total: asked } : undefined);
          setVersion((v) => v + 1);
        });
    }),
  );

  const contents = createMemo(() => {
    version();
    const out = new Map<string, ScoredContent>();
    for (const c of wanted()) {
      const content = cache.get(contentKey(c));
      if (content && content !== 'withheld') out.set(c.id, content);
    }
    return out;
  });
  const withheld = createMemo(() => {
    version();
    return wanted().filter((c) => cache.get(contentKey(c)) === 'withheld').length;
  });
  return { contents, progress, withheld };
}
