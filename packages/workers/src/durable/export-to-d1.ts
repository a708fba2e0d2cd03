import * as Y from 'yjs';
import { DOC_SCHEMA_VERSION } from '@corates/shared';
import { summarizeDoc } from '../rooms/doc-summary.ts';

/** D1 values are capped at 2 MB; chunks stay well below. */
const D1_CHUNK_BYTES = 512 * 1024;

/**
 * Writes the compacted document and its derived summary into D1 in one batch (atomic), so
 * server-side reads (exports, dashboards) never see a half-written copy.
 */
export async function exportProjectDoc(
  d1: D1Database,
  projectId: string,
  doc: Y.Doc,
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
  statements.push(
    d1
      .prepare(
        `INSERT INTO project_summaries (project_id, schema_version, doc_bytes, summary, updated_at)
         VALUES (?1, ?2, ?3, ?4, unixepoch('subsec') * 1000)
         ON CONFLICT(project_id) DO UPDATE SET schema_version = ?2, doc_bytes = ?3, summary = ?4, updated_at = excluded.updated_at`,
      )
      .bind(projectId, DOC_SCHEMA_VERSION, state.byteLength, JSON.stringify(summarizeDoc(doc))),
  );
  // The project may have been deleted meanwhile; its foreign key then refuses the rows, which is right.
  await d1.batch(statements).catch((e: unknown) => {
    if (!String(e).includes('FOREIGN KEY')) throw e;
  });
}
