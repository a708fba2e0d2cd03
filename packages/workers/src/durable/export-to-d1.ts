import * as Y from 'yjs';
import { DOC_SCHEMA_VERSION } from '@corates/shared';
import type { ChecklistContent } from '@corates/shared/doc';
import type { ChecklistContents } from '../rooms/checklist-contents.ts';
import { summarizeDoc } from '../rooms/doc-summary.ts';

/** D1 values are capped at 2 MB; chunks stay well below. */
const D1_CHUNK_BYTES = 512 * 1024;
/** A checklist's content is JSON text: at most 3 bytes of UTF-8 per UTF-16 unit, so 512 KiB × 3 at most. */
const D1_CHUNK_CHARS = 512 * 1024;

/** What an export writes of the project's checklist documents (document model v2). */
export interface ChecklistExport {
  /** Every checklist the project document has a header for: D1 keeps no content of others. */
  ids: readonly string[];
  /** The checklist documents that changed since their last export, read now. */
  changed: readonly { id: string; content: ChecklistContent }[];
  /** What the summary needs of every checklist (cached by the relay, the changed ones included). */
  summary: ChecklistContents;
}

/**
 * Writes the compacted document and its derived summary into D1 in one batch (atomic), so
 * server-side reads (exports, dashboards) never see a half-written copy. Document model v2: the
 * same batch writes the content of each checklist document that changed, and drops the content of
 * checklists the project no longer has.
 */
export async function exportProjectDoc(
  d1: D1Database,
  projectId: string,
  doc: Y.Doc,
  checklists?: ChecklistExport,
): Promise<void> {
  const state = Y.encodeStateAsUpdate(doc);
  const statements: D1PreparedStatement[] = [
    d1.prepare('DELETE FROM project_doc_chunks WHERE project_id = ?').bind(projectId),
  ];
  for (let i = 0, idx = 0; i < state.byteLength; i += D1_CHUNK_BYTES, idx++) {
    const chunk = state.slice(i, i + D1_CHUNK_BYTES);
    statements.push(
      d1
        .prepare('INSERT INTO project_doc_chunks (project_id, idx, data) VALUES (?, ?, ?)')
        .bind(projectId, idx, chunk.buffer),
    );
  }
  if (checklists) statements.push(...checklistStatements(d1, projectId, checklists));
  statements.push(
    d1
      .prepare(
        `INSERT INTO project_summaries (project_id, schema_version, doc_bytes, summary, updated_at)
         VALUES (?1, ?2, ?3, ?4, unixepoch('subsec') * 1000)
         ON CONFLICT(project_id) DO UPDATE SET schema_version = ?2, doc_bytes = ?3, summary = ?4, updated_at = excluded.updated_at`,
      )
      .bind(
        projectId,
        DOC_SCHEMA_VERSION,
        state.byteLength,
        JSON.stringify(summarizeDoc(doc, checklists?.summary)),
      ),
  );
  // The project may have been deleted meanwhile; its foreign key then refuses the rows, which is right.
  await d1.batch(statements).catch((e: unknown) => {
    if (!String(e).includes('FOREIGN KEY')) throw e;
  });
}

function checklistStatements(
  d1: D1Database,
  projectId: string,
  { ids, changed }: ChecklistExport,
): D1PreparedStatement[] {
  const statements = [
    d1
      .prepare(
        'DELETE FROM checklist_content_chunks WHERE project_id = ? AND checklist_id NOT IN (SELECT value FROM json_each(?))',
      )
      .bind(projectId, JSON.stringify(ids)),
  ];
  for (const { id, content } of changed) {
    statements.push(
      d1
        .prepare('DELETE FROM checklist_content_chunks WHERE project_id = ? AND checklist_id = ?')
        .bind(projectId, id),
    );
    const json = JSON.stringify(content);
    for (let i = 0, idx = 0; i < json.length; idx++) {
      let end = Math.min(i + D1_CHUNK_CHARS, json.length);
      // Never between the halves of a surrogate pair: D1 would store each half as U+FFFD.
      if (end < json.length && isHighSurrogate(json.charCodeAt(end - 1))) end--;
      statements.push(
        d1
          .prepare(
            'INSERT INTO checklist_content_chunks (project_id, checklist_id, idx, data) VALUES (?, ?, ?, ?)',
          )
          .bind(projectId, id, idx, json.slice(i, end)),
      );
      i = end;
    }
  }
  return statements;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
