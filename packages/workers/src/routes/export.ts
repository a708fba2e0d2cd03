import { createRoute, z } from '@hono/zod-openapi';
import { csvFile, exportRows, exportScopeSchema, projectIdSchema } from '@corates/shared';
import { checklistDocAccess, readBlindReviewers, readProjectDoc } from '@corates/shared/doc';
import { requireSession } from '../auth/session.ts';
import { requireRole } from '../domain/access.ts';
import { memberNames } from '../domain/members.ts';
import { contentDisposition } from '../lib/content-disposition.ts';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { exportInputOf } from '../rooms/doc-export.ts';
import { storedContents, storedDoc } from '../domain/stored-project.ts';

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
