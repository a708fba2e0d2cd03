import * as Y from 'yjs';
import { federatedChecklistContentSchema } from '@corates/shared';
import type { ChecklistContent } from '@corates/shared/doc';

/*
 * Server-side reads of a project from the copies its ProjectDoc exports to D1
 * (durable/export-to-d1.ts): the CSV export and a federation share's changes read through here.
 */

/** The project's compacted document copy in D1 (see durable/export-to-d1.ts); empty if none yet. */
export async function storedDoc(d1: D1Database, projectId: string): Promise<Y.Doc> {
  const rows = await d1
    .prepare('SELECT data FROM project_doc_chunks WHERE project_id = ? ORDER BY idx')
    .bind(projectId)
    .all<{ data: ArrayBuffer }>();
  const doc = new Y.Doc();
  const parts = rows.results.map((r) => new Uint8Array(r.data));
  if (parts.length === 0) return doc;
  const state = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    state.set(p, offset);
    offset += p.byteLength;
  }
  Y.applyUpdate(doc, state);
  return doc;
}

/**
 * Document model v2: each checklist document's content as the relay exported it to D1 (see
 * durable/export-to-d1.ts), by checklist id — all of them, or `only` those (a share reads only the
 * contents that may go). A copy that does not parse is left out (its checklist then exports without
 * answers) rather than failing the whole export.
 */
export async function storedContents(
  d1: D1Database,
  projectId: string,
  only?: readonly string[],
): Promise<Map<string, ChecklistContent>> {
  const rows = await d1
    .prepare(
      `SELECT checklist_id, data FROM checklist_content_chunks WHERE project_id = ?1
       AND (?2 IS NULL OR checklist_id IN (SELECT value FROM json_each(?2)))
       ORDER BY checklist_id, idx`,
    )
    .bind(projectId, only ? JSON.stringify(only) : null)
    .all<{ checklist_id: string; data: string }>();
  const json = new Map<string, string>();
  for (const r of rows.results) json.set(r.checklist_id, (json.get(r.checklist_id) ?? '') + r.data);
  const out = new Map<string, ChecklistContent>();
  for (const [id, text] of json) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    const parsed = federatedChecklistContentSchema.safeParse(value);
    if (parsed.success) out.set(id, parsed.data);
  }
  return out;
}
