import { createRoute, z } from '@hono/zod-openapi';
import * as Y from 'yjs';
import { csvFile, exportRows, exportScopeSchema, projectIdSchema } from '@corates/shared';
import { requireSession } from '../auth/session.ts';
import { requireRole } from '../domain/access.ts';
import { memberNames } from '../domain/members.ts';
import { contentDisposition } from '../lib/content-disposition.ts';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { exportInputOf } from '../rooms/doc-export.ts';

const exportCsv = createRoute({
  method: 'get',
  path: '/projects/{projectId}/export.csv',
  ...inventory({ primitive: 'rest', caller: 'viewer' }),
  tags: ['export'],
  summary: "The project's results as CSV",
  description:
    "Roles: owner, editor, viewer. Every finalized checklist's answers, comments, domain judgements and overall judgement, one row each, in the column layout of docs/export-csv.md; with `checklists=all` also each reviewer's own checklist marked complete, with their name. UTF-8 with a byte-order mark (for Excel), RFC 4180; cells that start with = + - @ get a leading apostrophe. Read from the document copy the relay writes to D1 within about 2 s of a change.",
  request: {
    params: z.object({ projectId: projectIdSchema }),
    query: z.object({
      checklists: exportScopeSchema.default('final').openapi({
        description:
          "`final` (default): each appraisal's result. `all`: also every reviewer's completed checklist.",
      }),
    }),
  },
  responses: {
    200: {
      description: 'The CSV (a header row only when nothing is finalized)',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...errorResponses(...COMMON_ERRORS, 'NOT_FOUND'),
  },
});

/** The project's compacted document copy in D1 (see durable/export-to-d1.ts); empty if none yet. */
async function storedDoc(d1: D1Database, projectId: string): Promise<Y.Doc> {
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

export const exportRoutes = createRouter();
exportRoutes.use('/projects/:projectId/export.csv', requireSession);
exportRoutes.openapi(exportCsv, async (c) => {
  const { projectId } = c.req.valid('param');
  const { checklists: scope } = c.req.valid('query');
  await requireRole(c.var.db, projectId, c.var.user.id, 'viewer');
  const doc = await storedDoc(c.env.DB, projectId);
  const input = { ...exportInputOf(doc), reviewerNames: await memberNames(c.var.db, projectId) };
  const name = scope === 'all' ? 'answers' : 'results';
  return c.body(csvFile(exportRows(input, scope)), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': contentDisposition('attachment', `corates-${projectId}-${name}.csv`),
    'Cache-Control': 'no-store',
  });
});
