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
import {
  BadDocUpdate,
  PAGE_GUARD,
  receivedContents,
  receivedDocStatements,
} from './received-docs.ts';
import { TOMBSTONE_HORIZON_MS } from './share-changes.ts';
import { stopsPulling, type PullOutcome } from './pull-schedule.ts';
import type { ServerKey } from './server-key.ts';
import { signedPeerCall, toSubscription, type SubscriptionRow } from './subscribe.ts';

/** Changes asked for per page. */
export const PULL_PAGE_LIMIT = 200;
/** Pages one pull reads at most; a share further behind continues at the next pull. */
export const PULL_MAX_PAGES = 50;
/**
 * A read from 0 left unfinished (a crash, PULL_MAX_PAGES) resumes where it stopped, asking with
 * `refetch=1` so the publisher skips the horizon check — sound only while every leave after the
 * read's first page is still in the publisher's log, i.e. younger than its horizon (30 days). An
 * older one starts again from 0.
 */
export const REFETCH_MAX_AGE_MS = TOMBSTONE_HORIZON_MS / 4;

export interface PullContext {
  db: Database;
  d1: D1Database;
  key: ServerKey;
  allowLocal: boolean;
  now: Date;
  /** R2 (the copied PDF files) and the ProjectDoc (the mirror project), for `afterPull`. */
  env: Bindings;
  /** Changes asked for per page (PULL_PAGE_LIMIT unless a test reads a share in smaller pages). */
  pageLimit?: number;
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
  refetch: boolean,
): Promise<PageAnswer> {
  const url = `${origin}/api/federation/v1/shares/${encodeURIComponent(row.shareId)}/changes?since=${since}&limit=${ctx.pageLimit ?? PULL_PAGE_LIMIT}${refetch ? '&refetch=1' : ''}`;
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
 * nothing (false).
 *
 * A page of a read from 0 (`building`: `since = 0`, the first pull or a refetch, and the pages
 * continuing it) goes to a copy built beside the held one (refetch_records, refetch_checklist_docs,
 * its cursor in `refetch_cursor`); the held copy and its cursor stay as they are, whole. The read's
 * last page (no `hasMore`) swaps in the same batch: the held copy is replaced by the built one.
 */
export async function applyPage(
  ctx: Pick<PullContext, 'd1' | 'now'>,
  id: string,
  expected: number,
  since: number,
  page: ShareChanges,
  building = since === 0,
): Promise<boolean> {
  const d1 = ctx.d1;
  const guard = PAGE_GUARD;
  const records = building ? 'refetch_records' : 'received_records';
  const stmts: D1PreparedStatement[] = [];
  if (since === 0)
    stmts.push(
      d1
        .prepare(`DELETE FROM ${records} WHERE subscription_id = ?1 AND ${guard}`)
        .bind(id, expected),
    );
  for (const c of page.changes)
    stmts.push(
      c.op === 'upsert'
        ? d1
            .prepare(
              `INSERT INTO ${records} (subscription_id, entity, entity_id, seq, row)
               SELECT ?1, ?3, ?4, ?5, ?6 WHERE ${guard}
               ON CONFLICT (subscription_id, entity, entity_id)
               DO UPDATE SET seq = excluded.seq, row = excluded.row`,
            )
            .bind(id, expected, c.entity, c.id, c.seq, JSON.stringify(c.row))
        : d1
            .prepare(
              `DELETE FROM ${records}
               WHERE subscription_id = ?1 AND entity = ?3 AND entity_id = ?4 AND ${guard}`,
            )
            .bind(id, expected, c.entity, c.id),
    );
  // The checklist documents the page carries, in the same batch (received-docs.ts).
  stmts.push(
    ...(await receivedDocStatements(
      d1,
      id,
      expected,
      since,
      page.changes,
      building ? 'refetch_checklist_docs' : 'received_checklist_docs',
    )),
  );
  const swap = building && !page.hasMore;
  if (swap)
    for (const [held, built, columns] of [
      ['received_records', 'refetch_records', 'subscription_id, entity, entity_id, seq, row'],
      [
        'received_checklist_docs',
        'refetch_checklist_docs',
        'subscription_id, checklist_id, idx, data',
      ],
    ] as const)
      stmts.push(
        d1
          .prepare(`DELETE FROM ${held} WHERE subscription_id = ?1 AND ${guard}`)
          .bind(id, expected),
        d1
          .prepare(
            `INSERT INTO ${held} (${columns})
             SELECT ${columns} FROM ${built} WHERE subscription_id = ?1 AND ${guard}`,
          )
          .bind(id, expected),
        d1
          .prepare(`DELETE FROM ${built} WHERE subscription_id = ?1 AND ${guard}`)
          .bind(id, expected),
      );
  // Which cursor moves: the held copy's, or (a read from 0 not yet at its end) the built copy's.
  const moves =
    building && !swap
      ? `refetch_cursor = ?3, refetch_started_at = CASE WHEN ?6 = 0 THEN ?4 ELSE refetch_started_at END`
      : 'cursor = ?3, refetch_cursor = NULL, refetch_started_at = NULL';
  // The publisher's last seq goes with the cursor, so the lag (subscribe.ts toSubscription) is
  // never counted from a cursor and a last seq of different pages; null from a publisher that
  // does not say it (the lag is then unknown, not guessed).
  stmts.push(
    d1
      .prepare(
        `UPDATE subscriptions SET ${moves}, publisher_seq = ?5, last_pull_at = ?4,
           last_error = NULL, state = 'active', updated_at = ?4
         WHERE id = ?1 AND coalesce(refetch_cursor, cursor) = ?2`,
      )
      // ?6 only where the built copy's cursor moves (D1 wants every bound number used).
      .bind(
        id,
        expected,
        page.checkpoint,
        ctx.now.getTime(),
        page.lastSeq ?? null,
        ...(building && !swap ? [since] : []),
      ),
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
 * MUST_REFETCH it starts again from 0 once: a read from 0 builds a new copy beside the held one and
 * swaps it in at its last page (applyPage); left unfinished, the next pull resumes it (with
 * `refetch=1`, REFETCH_MAX_AGE_MS). Any other failure — the
 * publisher unreachable or refusing (SHARE_REVOKED, a signature or token refusal) — is kept in
 * `lastError` with what was applied before it; a refusal that asking again cannot cure (a schema
 * mismatch, SHARE_REVOKED, 401, 403) also pauses the subscription.
 */
export async function pullSubscription(ctx: PullContext, id: string): Promise<PullResult> {
  const { row, origin } = await loadSubscription(ctx.db, id);
  // The cursor the next page is guarded on: a read from 0 under way moves its own.
  let cursor = row.refetchCursor ?? row.cursor;
  let refetching = row.refetchCursor !== null;
  const tooOld =
    row.refetchStartedAt !== null &&
    ctx.now.getTime() - row.refetchStartedAt.getTime() > REFETCH_MAX_AGE_MS;
  let since = tooOld ? 0 : cursor;
  let applied = 0;
  // The held copy changed (the mirror follows it): a page applied to it, or a swap.
  let heldChanged = false;
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
      const building = since === 0 || refetching;
      const answer = await fetchPage(ctx, admitted.origin, row, since, since > 0 && refetching);
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
        moved = await applyPage(ctx, id, cursor, since, answer.page, building);
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
      heldChanged ||= building ? !answer.page.hasMore : answer.page.changes.length > 0;
      refetching = building && answer.page.hasMore;
      cursor = since = answer.page.checkpoint;
      outcome = { kind: 'pulled', busy: applied > 0 || answer.page.hasMore };
      if (!answer.page.hasMore) break;
    }
  // The PDF files and the mirror project follow the held records (mirror-sync.ts), not a copy
  // still being built; a swap counts even when its last page was empty.
  await afterPull(ctx, row, origin, heldChanged ? Math.max(applied, 1) : 0);
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
