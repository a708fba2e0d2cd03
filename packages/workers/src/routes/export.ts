import { createRoute, z } from '@hono/zod-openapi';
import * as Y from 'yjs';
import {
  assessorJudgementSchema,
  csvFile,
  exportRows,
  exportScopeSchema,
  projectIdSchema,
} from '@corates/shared';
import {
  checklistDocAccess,
  readBlindReviewers,
  readProjectDoc,
  type ChecklistContent,
} from '@corates/shared/doc';
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
    "Roles: owner, editor, viewer. Every finalized checklist's answers, comments, domain judgements and overall judgement, one row each, in the column layout of docs/export-csv.md; with `checklists=all` also each reviewer's own checklist marked complete, with their name. UTF-8 with a byte-order mark (for Excel), RFC 4180; cells that start with = + - @ get a leading apostrophe. Read from the document copies the relay writes to D1 within about 2 s of a change. A checklist the caller may not open now (blinded: the other reviewer's, before both are done) is left out, as its document would be withheld.",
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

const contentSchema = z.object({
  answers: z.record(z.string(), z.string()),
  notes: z.record(z.string(), z.string()),
  support: z.record(z.string(), z.string()),
  judgements: z.record(z.string(), assessorJudgementSchema),
});

/**
 * Document model v2: each checklist document's content as the relay exported it to D1 (see
 * durable/export-to-d1.ts), by checklist id. A copy that does not parse is left out (its
 * checklist then exports without answers) rather than failing the whole export.
 */
async function storedContents(
  d1: D1Database,
  projectId: string,
): Promise<Map<string, ChecklistContent>> {
  const rows = await d1
    .prepare(
      'SELECT checklist_id, data FROM checklist_content_chunks WHERE project_id = ? ORDER BY checklist_id, idx',
    )
    .bind(projectId)
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
    const parsed = contentSchema.safeParse(value);
    if (parsed.success) out.set(id, parsed.data);
  }
  return out;
}

export const exportRoutes = createRouter();
exportRoutes.use('/projects/:projectId/export.csv', requireSession);
exportRoutes.openapi(exportCsv, async (c) => {
  const { projectId } = c.req.valid('param');
  const { checklists: scope } = c.req.valid('query');
  const role = await requireRole(c.var.db, projectId, c.var.user.id, 'viewer');
  const [doc, contents] = await Promise.all([
    storedDoc(c.env.DB, projectId),
    storedContents(c.env.DB, projectId),
  ]);
  // [R17] The export shows what the caller's checklist sockets would: nothing of a withheld one.
  const headers = readProjectDoc(doc).checklists;
  const blindReviewers = readBlindReviewers(doc);
  const visible = (checklist: (typeof headers)[number]) =>
    checklistDocAccess({
      userId: c.var.user.id,
      role,
      checklist,
      checklists: headers,
      blindReviewers,
    }) !== 'none';
  const input = {
    ...exportInputOf(doc, contents, visible),
    reviewerNames: await memberNames(c.var.db, projectId),
  };
  const name = scope === 'all' ? 'answers' : 'results';
  return c.body(csvFile(exportRows(input, scope)), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': contentDisposition('attachment', `corates-${projectId}-${name}.csv`),
    'Cache-Control': 'no-store',
  });
});
