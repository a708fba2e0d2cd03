import * as Y from 'yjs';
import type { ShareChange } from '@corates/shared';
import { readChecklistContent, type ChecklistContent } from '@corates/shared/doc';
import { fromBase64 } from '../src/lib/base64.ts';

/** A checklist change's `docUpdate` as bytes (none: empty). */
export const docUpdateBytes = (c: ShareChange | undefined): Uint8Array =>
  c?.entity === 'checklist' && c.docUpdate ? fromBase64(c.docUpdate) : new Uint8Array();

/**
 * The content a checklist change's `docUpdate` carries, read as the subscriber reads it: null when
 * it carries none (withheld). Whole only for a document the subscriber did not hold before.
 */
export function docContent(c: ShareChange | undefined): ChecklistContent | null {
  if (c?.entity !== 'checklist' || c.docUpdate === undefined) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64(c.docUpdate));
  return readChecklistContent(doc);
}
