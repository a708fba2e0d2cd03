import type { OpType } from '@corates/shared';
import type { SyncStatus } from './offline/index.ts';
import { KIND_ORDER, type DocChange, type DocChangeKind } from './doc-change.ts';
import { countLabel } from '../ui/format.ts';

const KIND_NOUN: Record<DocChangeKind, [string, string]> = {
  answer: ['answer', 'answers'],
  note: ['note', 'notes'],
  support: ['support text', 'support texts'],
  judgement: ['judgement', 'judgements'],
  checklist: ['checklist', 'checklists'],
  study: ['study', 'studies'],
  outcome: ['outcome', 'outcomes'],
  other: ['other change', 'other changes'],
};

/** What a queued metadata change is about, in the words of the headline. */
type OpArea = 'project' | 'settings' | 'pdf';
const AREA_NOUN: Record<OpArea, [string, string]> = {
  project: ['project change', 'project changes'],
  settings: ['settings change', 'settings changes'],
  pdf: ['PDF change', 'PDF changes'],
};
const AREA_ORDER: readonly OpArea[] = ['project', 'settings', 'pdf'];
const areaOf = (type: OpType): OpArea =>
  type.startsWith('settings.') ? 'settings' : type.startsWith('pdf.') ? 'pdf' : 'project';

/** "a", "a and b", "a, b and c". */
export function listPhrase(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function countPhrase<K extends string>(
  counts: ReadonlyMap<K, number>,
  order: readonly K[],
  nouns: Record<K, [string, string]>,
): string | undefined {
  const parts = order
    .filter((k) => (counts.get(k) ?? 0) > 0)
    .map((k) => countLabel(counts.get(k)!, nouns[k][0], nouns[k][1]));
  return parts.length > 0 ? listPhrase(parts) : undefined;
}

export interface SyncSummaryInput {
  /** The metadata queue's state; undefined until it has been read. */
  metadata: SyncStatus | undefined;
  /** Metadata ops not yet applied by the server (pending or in flight). */
  waitingOps: readonly { type: OpType }[];
  /** Document edits not yet on the server, by project (doc-unsent.ts). */
  docChanges: ReadonlyMap<string, readonly DocChange[]>;
  /** No connection to the server (the queue's loop, an open document, or the browser says so). */
  offline: boolean;
}

export interface SyncSummary {
  /** The one line every sync indicator of the app shows. */
  headline: string;
  /** "2 answers and 1 note", across every project; undefined when there is none. */
  unsentDoc: string | undefined;
  /** "1 project change"; undefined when nothing waits. */
  waitingOps: string | undefined;
  /** Something the user has to act on (a refused change, signing in again). */
  attention: boolean;
  /** Nothing unsent, nothing refused: every change made here is on the server. */
  allSaved: boolean;
}

/** No table has ever been synced on this device: its first pull has not reached the end yet. */
const neverSynced = (s: SyncStatus) => Object.keys(s.lastSyncedAt).length === 0;

/**
 * [P3] The app's one sync status, in the user's units: document edits by entity (answers, notes,
 * studies…) and queued metadata changes by area, never Yjs updates or raw op counts.
 */
export function summarizeSync(input: SyncSummaryInput): SyncSummary {
  const kinds = new Map<DocChangeKind, number>();
  for (const changes of input.docChanges.values())
    for (const c of changes) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  const areas = new Map<OpArea, number>();
  for (const op of input.waitingOps)
    areas.set(areaOf(op.type), (areas.get(areaOf(op.type)) ?? 0) + 1);
  const unsentDoc = countPhrase(kinds, KIND_ORDER, KIND_NOUN);
  const waitingOps = countPhrase(areas, AREA_ORDER, AREA_NOUN);
  const s = input.metadata;
  const failed = s?.failed ?? 0;
  const phase = s?.loop?.phase;
  const waiting = [
    unsentDoc && `${unsentDoc} not yet on the server`,
    waitingOps && `${waitingOps} waiting`,
  ].filter((p): p is string => Boolean(p));
  const rest = waiting.length > 0 ? `; ${waiting.join('; ')}` : '';

  let headline: string;
  if (failed > 0) headline = `${countLabel(failed, 'change')} could not be synced${rest}`;
  else if (phase === 'paused-auth') headline = `Sign in again to sync your changes${rest}`;
  else if (phase === 'paused-upgrade') headline = `Update CoRATES to sync your changes${rest}`;
  else if (waiting.length > 0)
    headline = `${input.offline ? 'Offline — ' : ''}${waiting.join('; ')}`;
  // [O4] A refused or discarded change may still show until the server's copy arrives.
  else if (s?.awaitingServerCopy)
    headline = 'Waiting for the server’s copy — this device may differ from it';
  else if (input.offline) headline = 'Offline — all changes saved on the server';
  // A device that has never finished a pull (a new account, a new browser) is loading, not
  // stale: "may be stale" would greet every first visit.
  else if (s && neverSynced(s)) headline = 'Getting your projects from the server…';
  else if ((s?.stale.length ?? 0) > 0) headline = 'Nothing waiting to sync — data may be stale';
  else headline = 'All changes saved on the server';

  return {
    headline,
    unsentDoc,
    waitingOps,
    attention: failed > 0 || phase === 'paused-auth',
    allSaved: failed === 0 && waiting.length === 0,
  };
}
