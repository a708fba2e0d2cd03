import { type Accessor, createEffect, onCleanup } from 'solid-js';
import type { Role } from '@corates/shared';
import { readBlindReviewers, readProjectDoc } from '@corates/shared/doc';
import { useSession } from '../../session/SessionProvider.tsx';
import {
  deleteChecklistCopies,
  SNAPSHOT_CONCURRENCY,
  runBounded,
  storedChecklistCopies,
  syncChecklistCopy,
} from './checklist-doc-provider.ts';
import { checklistCopiesToDelete, checklistsToKeep } from './checklists-to-keep.ts';
import { DocWithheld } from './http-doc-sync.ts';
import type { ProjectDocHandle } from './project-doc-provider.ts';

/** Header changes come in bursts (a bulk assignment): decide once after them. */
const SETTLE_MS = 1_000;

/**
 * Checklist documents brought up to date since this page loaded (or the browser came back
 * online), by `<user>:<project>`: going back and forth between pages does not sync them again.
 */
const syncedThisLoad = new Map<string, Set<string>>();
if (typeof window !== 'undefined') window.addEventListener('online', () => syncedThisLoad.clear());

/**
 * While a project is open, keeps the checklist documents assigned to the signed-in user
 * (`checklistsToKeep`) synced into IndexedDB over the HTTP fallback, a few at a time, so going
 * offline later still covers every one of them. A checklist open in this tab is left to its
 * socket; a withheld one is not asked again. Deletes the copies of checklists the user may no
 * longer open (`checklistCopiesToDelete`). Runs again when the headers or settings change (a new
 * assignment, blinding turned on) and when the browser comes back online (what was typed offline
 * goes up).
 */
export function useChecklistBackgroundSync(
  handle: Accessor<ProjectDocHandle | undefined>,
  projectId: Accessor<string>,
  role: Accessor<Role>,
) {
  const session = useSession();
  createEffect(() => {
    const h = handle();
    const userId = session.user()?.id;
    const project = projectId();
    const myRole = role();
    if (!h || !userId) return;
    const key = `${userId}:${project}`;
    let alive = true;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const run = async () => {
      timer = undefined;
      if (!alive || !navigator.onLine) return;
      if (running) return void (again = true);
      running = true;
      const synced = syncedThisLoad.get(key) ?? new Set<string>();
      syncedThisLoad.set(key, synced);
      const checklists = readProjectDoc(h.doc).checklists;
      const keep = checklistsToKeep({ userId, role: myRole, checklists }).filter(
        (id) => !synced.has(id),
      );
      await runBounded(keep, SNAPSHOT_CONCURRENCY, async (checklistId) => {
        if (!alive) return;
        try {
          await syncChecklistCopy(project, checklistId, userId);
          synced.add(checklistId);
        } catch (e) {
          // Withheld (it will be, until the project document says otherwise): not asked again
          // on this load. A network failure is left for the next run.
          if (e instanceof DocWithheld) synced.add(checklistId);
        }
      });
      // And the copies of checklists this user may no longer open (an owner turned blinding on
      // after another reviewer's checklist was read here) leave the device.
      const stored = await storedChecklistCopies(
        userId,
        project,
        checklists.map((c) => c.id),
      );
      await deleteChecklistCopies(
        userId,
        project,
        checklistCopiesToDelete({
          userId,
          role: myRole,
          checklists,
          blindReviewers: readBlindReviewers(h.doc),
          stored,
        }),
      );
      running = false;
      if (again && alive) {
        again = false;
        schedule();
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), SETTLE_MS);
    };
    const onUpdate = () => schedule();
    const onOnline = () => schedule();
    void h.loaded.then(() => {
      if (!alive) return;
      h.doc.on('update', onUpdate);
      schedule();
    });
    window.addEventListener('online', onOnline);
    onCleanup(() => {
      alive = false;
      clearTimeout(timer);
      h.doc.off('update', onUpdate);
      window.removeEventListener('online', onOnline);
    });
  });
}
