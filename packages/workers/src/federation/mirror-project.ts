import { eq } from 'drizzle-orm';
import {
  federatedChecklistSchema,
  federatedOutcomeSchema,
  federatedPdfSchema,
  federatedStudySchema,
  type FederatedPdf,
} from '@corates/shared';
import {
  MIRROR_AUTHOR,
  type MirrorChecklist,
  type MirrorOutcome,
  type MirrorStudy,
} from '@corates/shared/doc';
import type { Database } from '../db/client.ts';
import { projectMembers, projects } from '../db/schema.ts';
import { docAccess } from '../durable/doc-access.ts';
import { projectDoc } from '../durable/project-doc-stub.ts';
import type { Bindings } from '../env.ts';
import { blobKey, sha256Hex } from './pdf-blobs.ts';
import { receivedContents } from './received-docs.ts';

/**
 * The mirror project (docs/federation.md "The mirror project"): what a subscriber shows of a share.
 * Made when the subscription is, owned by the admin who subscribed, marked with the subscription
 * and the publisher's origin (`projects.mirror_*`); its documents are written by the server after
 * every pull from what the pull holds (`received_records`), and refused to every user ([R22],
 * MIRROR_READ_ONLY). Its owner gives it to this server's users as any project: as members.
 */

/** The name a new mirror gets: where it comes from (its owner may not rename it: it is read-only). */
export function mirrorName(origin: string): string {
  return `Shared from ${new URL(origin).host}`;
}

/**
 * Makes the subscription's mirror project unless it has one (subscribing to the same share again
 * keeps it), with `ownerId` its owner, and marks its document a mirror before anyone can open it.
 * Answers the project's id.
 */
export async function ensureMirrorProject(
  env: Bindings,
  db: Database,
  input: { subscriptionId: string; origin: string; ownerId: string; now: Date },
): Promise<string> {
  const existing = await mirrorProjectOf(db, input.subscriptionId);
  if (existing) return existing;
  const id = crypto.randomUUID();
  const at = { createdAt: input.now, updatedAt: input.now };
  try {
    await db.batch([
      db.insert(projects).values({
        id,
        name: mirrorName(input.origin),
        description: '',
        createdBy: input.ownerId,
        mirrorOfSubscription: input.subscriptionId,
        mirrorOrigin: input.origin,
        ...at,
      }),
      db
        .insert(projectMembers)
        .values({ projectId: id, userId: input.ownerId, role: 'owner', ...at }),
    ]);
  } catch (err) {
    // Two subscribes of one share at once: the unique index lets one mirror in (the batch is
    // atomic, so the loser wrote nothing); the loser answers with the winner's.
    const raced = await mirrorProjectOf(db, input.subscriptionId);
    if (raced) return raced;
    throw err;
  }
  await projectDoc(env, id).writeMirror(id, { studies: [], outcomes: [], checklists: [] }, []);
  return id;
}

/** The subscription's mirror project's id, if it has one. */
export async function mirrorProjectOf(
  db: Database,
  subscriptionId: string,
): Promise<string | undefined> {
  const row = await db
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.mirrorOfSubscription, subscriptionId))
    .get();
  return row?.id;
}

/**
 * Writes the subscription's mirror from what it holds now (after a pull): studies, outcomes and
 * checklist headers into the project document, each checklist's content (held when the publisher
 * sent its document) into its checklist document. Only what differs is written. Nothing without a
 * mirror.
 */
export async function syncMirror(
  env: Bindings,
  db: Database,
  subscriptionId: string,
): Promise<void> {
  const projectId = await mirrorProjectOf(db, subscriptionId);
  if (!projectId) return;
  const [rows, held] = await Promise.all([
    env.DB.prepare(
      'SELECT entity, row FROM received_records WHERE subscription_id = ? ORDER BY entity, entity_id',
    )
      .bind(subscriptionId)
      .all<{ entity: string; row: string }>(),
    receivedContents(env.DB, subscriptionId),
  ]);
  const records = {
    studies: [] as MirrorStudy[],
    outcomes: [] as MirrorOutcome[],
    checklists: [] as MirrorChecklist[],
  };
  for (const r of rows.results) {
    // Stored only after the page they came in validated; parsed again for their types.
    const value = JSON.parse(r.row) as unknown;
    if (r.entity === 'study') records.studies.push(federatedStudySchema.parse(value));
    else if (r.entity === 'outcome') records.outcomes.push(federatedOutcomeSchema.parse(value));
    else if (r.entity === 'checklist')
      records.checklists.push(federatedChecklistSchema.parse(value));
  }
  const contents = records.checklists
    .filter((c) => held.has(c.id))
    .map((c) => ({ id: c.id, content: held.get(c.id)! }));
  await projectDoc(env, projectId).writeMirror(projectId, records, contents);
  await syncMirrorPdfs(
    env,
    projectId,
    subscriptionId,
    rows.results
      .filter((r) => r.entity === 'pdf')
      .map((r) => federatedPdfSchema.parse(JSON.parse(r.row))),
  );
}

/**
 * The mirror's PDF rows: one per shared PDF whose file this server holds (copied by its hash,
 * pdf-blobs.ts), pointing at that copy, so the mirror's members open it as any project's PDF. A
 * row is written only when it differs (each write reaches the members' pull feed), and a PDF that
 * left the share, or whose file is not here yet, has none. Ids are made from the subscription and
 * the publisher's id: two mirrors of one project do not share rows.
 */
async function syncMirrorPdfs(
  env: Pick<Bindings, 'DB' | 'PDFS'>,
  projectId: string,
  subscriptionId: string,
  shared: readonly FederatedPdf[],
): Promise<void> {
  const held = (
    await Promise.all(
      shared.map(async (p) => ((await env.PDFS.head(blobKey(p.sha256))) ? p : undefined)),
    )
  ).filter((p): p is FederatedPdf => p !== undefined);
  // A new primary after the old one's demotion: the one-primary-per-study index holds throughout.
  held.sort((a, b) => Number(a.tag === 'primary') - Number(b.tag === 'primary'));
  const ids = await Promise.all(
    held.map(
      async (p) =>
        `fp_${(await sha256Hex(new TextEncoder().encode(`${subscriptionId}/${p.id}`))).slice(0, 32)}`,
    ),
  );
  const d1 = env.DB;
  await d1.batch([
    d1
      .prepare(
        'DELETE FROM pdfs WHERE project_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))',
      )
      .bind(projectId, JSON.stringify(ids)),
    ...held.map((p, i) =>
      d1
        .prepare(
          `INSERT INTO pdfs (id, project_id, study_id, file_name, size, tag, r2_key, sha256,
             uploaded_by, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
           ON CONFLICT (id) DO UPDATE SET study_id = excluded.study_id,
             file_name = excluded.file_name, size = excluded.size, tag = excluded.tag,
             r2_key = excluded.r2_key, sha256 = excluded.sha256,
             updated_at = excluded.updated_at, version = pdfs.version + 1
           WHERE pdfs.study_id IS NOT excluded.study_id OR pdfs.file_name IS NOT excluded.file_name
             OR pdfs.tag IS NOT excluded.tag OR pdfs.sha256 IS NOT excluded.sha256`,
        )
        .bind(
          ids[i],
          projectId,
          p.studyId,
          p.fileName,
          p.size,
          p.tag,
          blobKey(p.sha256),
          p.sha256,
          MIRROR_AUTHOR,
          Date.parse(p.createdAt),
          Date.parse(p.updatedAt),
        ),
    ),
  ]);
}

/**
 * Removes the subscription's mirror project (unsubscribing): its row (members and PDF rows go with
 * it by cascade) and its documents, as deleting a project does. Copied PDF files stay in R2 under
 * their hash (another subscription may hold the same file).
 */
export async function deleteMirrorProject(
  env: Bindings,
  db: Database,
  subscriptionId: string,
): Promise<void> {
  const projectId = await mirrorProjectOf(db, subscriptionId);
  if (!projectId) return;
  await db.delete(projects).where(eq(projects.id, projectId));
  await docAccess.projectDeleted(env, projectId);
}
