import * as Y from 'yjs';
import type { ChecklistEvent } from '../checklists/checklist-history.ts';
import type { YChecklist } from './roots.ts';

/**
 * Appends to a checklist header's history. Every header is created with its history, and the
 * server's v1 → v2 split gives one to a header written before it existed, so creating it here is
 * only for a header an old client wrote after the split (two devices doing that at once would keep
 * one device's new list). Call it inside a transaction.
 */
export function appendHistory(checklist: YChecklist, event: ChecklistEvent) {
  let history = checklist.get('history');
  if (!(history instanceof Y.Array)) checklist.set('history', (history = new Y.Array()));
  (history as Y.Array<ChecklistEvent>).push([event]);
}
