import { eq } from 'drizzle-orm';
import {
  federatedChecklistSchema,
  federatedStudySchema,
  parseErrorEnvelope,
  schemaRangesOverlap,
  shareChangesSchema,
  SUPPORTED_SCHEMA_VERSIONS,
  type ShareChanges,
  type SubscriptionPulled,
  type SubscriptionRecords,
} from '@corates/shared';
import type { Database } from '../db/client.ts';
import type { Bindings } from '../env.ts';
import { projects, servers, subscriptions } from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';
import { MAX_CHANGES_PAGE_BYTES } from './peer-fetch.ts';
import { afterPull } from './mirror-sync.ts';
import { checkPeerOrigin } from './peer-origin.ts';
import { BadDocUpdate, receivedContents, receivedDocStatements } from './received-docs.ts';
import { stopsPulling, type PullOutcome } from './pull-schedule.ts';
import type { ServerKey } from './server-key.ts';
import { signedPeerCall, toSubscription, type SubscriptionRow } from './subscribe.ts';

/** Changes asked for per page. */
export const PULL_PAGE_LIMIT = 200;
/** Pages one pull reads at most; a share further behind continues at the next pull. */
export const PULL_MAX_PAGES = 50;

export interface PullContext {
  db: Database;
  d1: D1Database;
  key: ServerKey;
  allowLocal: boolean;
  now: Date;
  /** R2 (the copied PDF files) and the ProjectDoc (the mirror project), for `afterPull`. */
  env: Bindings;
}

export async function loadSubscription(db: Database, id: string) {
  const found = await db
    .select({ row: subscriptions, origin: servers.origin, mirrorProjectId: projects.id })
    .from(subscriptions)
    .innerJoin(servers, eq(servers.id, subscriptions.publisherId))
    .leftJoin(projects, eq(projects.mirrorOfSubscription, subscriptions.id))
    .where(eq(subscriptions.id, id))
    .get();
  if (!found) throw new AppError('NOT_FOUND', 'no such subscription');
  return found;
}

/** A page as the publisher answered it, or what went wrong (for `lastError`). */
type PageAnswer =
  | { ok: true; page: ShareChanges }
  | { ok: false; status?: number; code?: string; reason: string; pause: boolean };

async function fetchPage(
  ctx: PullContext,
  origin: string,
  row: SubscriptionRow,
  since: number,
): Promise<PageAnswer> {
  const url = `${origin}/api/federation/v1/shares/${encodeURIComponent(row.shareId)}/changes?since=${since}&limit=${PULL_PAGE_LIMIT}`;
  let answer;
  try {
    answer = await signedPeerCall(ctx, 'GET', url, undefined, row.token, MAX_CHANGES_PAGE_BYTES);
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err), pause: false };
  }
  if (answer.status !== 200) {
    const code = parseErrorEnvelope(answer.json)?.error.code;
    return {
      ok: false,
      status: answer.status,
      ...(code ? { code } : {}),
      reason: `${answer.status}${code ? ` ${code}` : ''}`,
      // Refusals asking again cannot cure pause the subscription (pull-schedule.ts).
      pause: stopsPulling({ status: answer.status, ...(code ? { code } : {}) }),
    };
  }
  const page = shareChangesSchema.safeParse(answer.json);
  if (!page.success)
    return { ok: false, reason: 'an answer that is not a page of changes', pause: false };
  const v = page.data.schemaVersion;
  if (!schemaRangesOverlap(SUPPORTED_SCHEMA_VERSIONS, { min: v, max: v }))
    return { ok: false, code: 'SCHEMA_MISMATCH', reason: `schema version ${v}`, pause: true };
  return { ok: true, page: page.data };
}

/**
 * Applies a page and moves the cursor in one D1 batch (a transaction): a crash between the two
 * cannot happen, and a repeated page applies the same rows again. Every statement is guarded on the
 * cursor still being `expected`, so a concurrent pull that got there first makes this one write
 * nothing (false). From `since = 0` (first pull or refetch) the old records go in the same batch.
 */
export async function applyPage(
  ctx: Pick<PullContext, 'd1' | 'now'>,
  id: string,
  expected: number,
  since: number,
  page: ShareChanges,
): Promise<boolean> {
  const d1 = ctx.d1;
  const guard = '(SELECT cursor FROM subscriptions WHERE id = ?1) = ?2';
  const stmts: D1PreparedStatement[] = [];
  if (since === 0)
    stmts.push(
      d1
        .prepare(`DELETE FROM received_records WHERE subscription_id = ?1 AND ${guard}`)
        .bind(id, expected),
    );
  for (const c of page.changes)
    stmts.push(
      c.op === 'upsert'
        ? d1
            .prepare(
              `INSERT INTO received_records (subscription_id, entity, entity_id, seq, row)
               SELECT ?1, ?3, ?4, ?5, ?6 WHERE ${guard}
               ON CONFLICT (subscription_id, entity, entity_id)
               DO UPDATE SET seq = excluded.seq, row = excluded.row`,
            )
            .bind(id, expected, c.entity, c.id, c.seq, JSON.stringify(c.row))
        : d1
            .prepare(
              `DELETE FROM received_records
               WHERE subscription_id = ?1 AND entity = ?3 AND entity_id = ?4 AND ${guard}`,
            )
            .bind(id, expected, c.entity, c.id),
    );
  // The checklist documents the page carries, in the same batch (received-docs.ts).
  stmts.push(...(await receivedDocStatements(d1, id, expected, since, page.changes)));
  stmts.push(
    d1
      .prepare(
        `UPDATE subscriptions SET cursor = ?3, last_pull_at = ?4, last_error = NULL,
           state = 'active', updated_at = ?4 WHERE id = ?1 AND cursor = ?2`,
      )
      .bind(id, expected, page.checkpoint, ctx.now.getTime()),
  );
  const results = await d1.batch(stmts);
  return (results.at(-1)?.meta.changes ?? 0) > 0;
}

/** A pull's answer, and what it did for the subscription's schedule (pull-schedule.ts). */
export interface PullResult extends SubscriptionPulled {
  outcome: PullOutcome;
}

/**
 * A pull (docs/federation.md "Pulling"; run by the subscription's Durable Object on its alarm and
 * on "pull now"): reads the share's changes page by page from the cursor until the publisher has
 * no more (or PULL_MAX_PAGES), applying each with the cursor. On 409
 * MUST_REFETCH it starts again from 0 once, replacing what it held. Any other failure — the
 * publisher unreachable or refusing (SHARE_REVOKED, a signature or token refusal) — is kept in
 * `lastError` with what was applied before it; a refusal that asking again cannot cure (a schema
 * mismatch, SHARE_REVOKED, 401, 403) also pauses the subscription.
 */
export async function pullSubscription(ctx: PullContext, id: string): Promise<PullResult> {
  const { row, origin } = await loadSubscription(ctx.db, id);
  let cursor = row.cursor;
  let since = cursor;
  let applied = 0;
  let refetched = false;
  let outcome: PullOutcome = { kind: 'pulled', busy: false };
  const fail = async (reason: string, pause: boolean) => {
    await ctx.db
      .update(subscriptions)
      .set({
        lastError: `pulling: ${reason}`,
        ...(pause ? { state: 'paused' as const } : {}),
        updatedAt: ctx.now,
      })
      .where(eq(subscriptions.id, id));
  };

  const admitted = checkPeerOrigin(origin, ctx.allowLocal);
  if (!admitted.ok) {
    outcome = { kind: 'failed' };
    await fail(`not calling ${origin}: ${admitted.reason}`, false);
  } else
    for (let n = 0; n < PULL_MAX_PAGES; n++) {
      const answer = await fetchPage(ctx, admitted.origin, row, since);
      if (!answer.ok) {
        if (answer.code === 'MUST_REFETCH' && !refetched) {
          refetched = true;
          since = 0;
          continue;
        }
        const { status, code } = answer;
        outcome = { kind: 'failed', ...(status ? { status } : {}), ...(code ? { code } : {}) };
        await fail(answer.reason, answer.pause);
        break;
      }
      let moved: boolean;
      try {
        moved = await applyPage(ctx, id, cursor, since, answer.page);
      } catch (err) {
        if (!(err instanceof BadDocUpdate)) throw err;
        outcome = { kind: 'failed' };
        await fail(`a checklist update that does not apply (${err.message})`, false);
        break;
      }
      // Another pull moved the cursor first: what it left is read at the next one, soon.
      if (!moved) {
        outcome = { kind: 'pulled', busy: true };
        break;
      }
      applied += answer.page.changes.length;
      cursor = since = answer.page.checkpoint;
      outcome = { kind: 'pulled', busy: applied > 0 || answer.page.hasMore };
      if (!answer.page.hasMore) break;
    }
  // The PDF files and the mirror project follow the records (mirror-sync.ts).
  await afterPull(ctx, row, origin, applied);
  const after = await loadSubscription(ctx.db, id);
  return {
    subscription: toSubscription(after.row, after.origin, after.mirrorProjectId),
    applied,
    refetched,
    outcome,
  };
}

/** The share's records as this server holds them, studies and checklists by id. */
export async function subscriptionRecords(
  ctx: Pick<PullContext, 'db' | 'd1'>,
  id: string,
): Promise<SubscriptionRecords> {
  await loadSubscription(ctx.db, id);
  const rows = await ctx.d1
    .prepare(
      'SELECT entity, row FROM received_records WHERE subscription_id = ? ORDER BY entity, entity_id',
    )
    .bind(id)
    .all<{ entity: string; row: string }>();
  const contents = await receivedContents(ctx.d1, id);
  const out: SubscriptionRecords = { studies: [], checklists: [] };
  for (const r of rows.results) {
    // Stored only after the page they came in validated; parsed again so the answer is typed.
    const value = JSON.parse(r.row) as unknown;
    if (r.entity === 'study') out.studies.push(federatedStudySchema.parse(value));
    else if (r.entity === 'checklist') {
      const header = federatedChecklistSchema.parse(value);
      out.checklists.push({ ...header, content: contents.get(header.id) ?? null });
    }
  }
  return out;
}
