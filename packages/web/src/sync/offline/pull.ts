import { PULL_MAX_LIMIT } from '@corates/shared';
import { emptyDraft } from './cache-draft.ts';
import { type CacheOwner, applyChanges } from './cache-reducer.ts';
import type { SyncDb } from './db.ts';
import { applyPulledPage, markSynced, readCursor, replaceCache } from './metadata-store.ts';
import { type SendResult, type TransportOptions, pullPage } from './transport.ts';

export interface PullContext {
  db: SyncDb;
  owner: CacheOwner;
  transport: TransportOptions;
  now: () => number;
  limit?: number;
}

type PullOutcome = SendResult<{ changes: number }>;

/**
 * Change-log entries a page asks for: the most the server gives. A page costs the server the same
 * two D1 round trips whatever its size, and each page applied here reads the whole cache in its
 * transaction, so fewer, larger pages are faster on both sides (issue 18's pull benchmark).
 */
export const PULL_PAGE_SIZE = PULL_MAX_LIMIT;

/** [P1]–[P3] Pulls from the stored cursor until the server says there is no more. */
export async function pullFromCursor(ctx: PullContext): Promise<PullOutcome> {
  let changes = 0;
  for (;;) {
    const since = (await readCursor(ctx.db)) ?? '0';
    const page = await pullPage(ctx.transport, since, ctx.limit ?? PULL_PAGE_SIZE);
    if (page.kind !== 'ok') return page;
    await applyPulledPage(ctx.db, ctx.owner, page.body.changes, page.body.checkpoint);
    changes += page.body.changes.length;
    if (!page.body.hasMore) break;
  }
  await markSynced(ctx.db, new Date(ctx.now()).toISOString());
  return { kind: 'ok', body: { changes } };
}

/** [P5] Rebuilds the cache from the start of the feed, then swaps it in at once. */
export async function pullFromScratch(ctx: PullContext): Promise<PullOutcome> {
  const snapshot = emptyDraft();
  let since = '0';
  let changes = 0;
  for (;;) {
    const page = await pullPage(ctx.transport, since, ctx.limit ?? PULL_PAGE_SIZE);
    if (page.kind !== 'ok') return page;
    applyChanges(snapshot, page.body.changes, ctx.owner);
    changes += page.body.changes.length;
    since = page.body.checkpoint;
    if (!page.body.hasMore) break;
  }
  await replaceCache(ctx.db, ctx.owner, snapshot, since);
  await markSynced(ctx.db, new Date(ctx.now()).toISOString());
  return { kind: 'ok', body: { changes } };
}
