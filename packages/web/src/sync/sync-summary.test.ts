import { describe, expect, it } from 'vitest';
import type { OpType } from '@corates/shared';
import type { SyncStatus } from './offline/index.ts';
import type { DocChange, DocChangeKind } from './doc-change.ts';
import { listPhrase, summarizeSync, type SyncSummaryInput } from './sync-summary.ts';

const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  pending: 0,
  syncing: 0,
  failed: 0,
  failedOps: [],
  lastSyncedAt: { projects: '2026-01-01T00:00:00.000Z' },
  stale: [],
  loop: { phase: 'idle' },
  awaitingServerCopy: false,
  ...over,
});

let n = 0;
const changes = (...kinds: DocChangeKind[]): DocChange[] =>
  kinds.map((kind) => ({ kind, key: `${kind}:${n++}`, label: kind }));
const ops = (...types: OpType[]) => types.map((type) => ({ type }));

const summary = (over: Partial<SyncSummaryInput> = {}) =>
  summarizeSync({
    metadata: status(),
    waitingOps: [],
    docChanges: new Map(),
    offline: false,
    ...over,
  });

describe('the app’s one sync status', () => {
  it('says all saved on the server only when nothing waits in either part', () => {
    expect(summary()).toMatchObject({
      headline: 'All changes saved on the server',
      allSaved: true,
    });
    expect(summary({ waitingOps: ops('project.update') }).allSaved).toBe(false);
    expect(summary({ docChanges: new Map([['p1', changes('note')]]) }).allSaved).toBe(false);
  });

  it('counts document edits by entity and metadata changes by area, offline said so', () => {
    const s = summary({
      offline: true,
      docChanges: new Map([['p1', changes('answer', 'note', 'answer')]]),
      waitingOps: ops('project.update'),
    });
    expect(s.headline).toBe(
      'Offline — 2 answers and 1 note not yet on the server; 1 project change waiting',
    );
    expect(s.unsentDoc).toBe('2 answers and 1 note');
    expect(s.waitingOps).toBe('1 project change');
  });

  it('adds up every project and names each kind in a fixed order', () => {
    const s = summary({
      docChanges: new Map([
        ['p1', changes('study', 'answer')],
        ['p2', changes('study', 'support', 'judgement', 'outcome', 'checklist')],
      ]),
      waitingOps: ops('member.add', 'settings.update', 'project.create', 'pdf.delete'),
    });
    expect(s.headline).toBe(
      '1 answer, 1 support text, 1 judgement, 1 checklist, 2 studies and 1 outcome not yet on ' +
        'the server; 2 project changes, 1 settings change and 1 PDF change waiting',
    );
  });

  it('offline with nothing waiting: offline, and nothing of this device is missing', () => {
    expect(summary({ offline: true }).headline).toBe('Offline — all changes saved on the server');
  });

  it('[O4] never claims all saved while a refused or discarded change waits for the server’s copy', () => {
    for (const phase of ['idle', 'retrying', 'syncing'] as const) {
      const s = summary({ metadata: status({ awaitingServerCopy: true, loop: { phase } }) });
      expect(s.headline).toMatch(/server’s copy/);
    }
  });

  it('a stale cache is not "all saved"', () => {
    expect(
      summary({
        metadata: status({ stale: ['projects'] }),
      }).headline,
    ).toBe('Nothing waiting to sync — data may be stale');
  });

  it('a device that never finished a pull (a new account) is loading, not stale', () => {
    const s = summary({
      metadata: status({ stale: ['projects', 'memberships', 'settings'], lastSyncedAt: {} }),
    });
    expect(s.headline).toBe('Getting your projects from the server…');
    expect(s.allSaved).toBe(true);
  });

  it('a refused change outranks everything else, and what waits is still said', () => {
    const s = summary({
      metadata: status({ failed: 2, awaitingServerCopy: true }),
      docChanges: new Map([['p1', changes('note')]]),
    });
    expect(s.headline).toBe('2 changes could not be synced; 1 note not yet on the server');
    expect(s.attention).toBe(true);
    expect(s.allSaved).toBe(false);
  });

  it('asks to sign in again, or to update, before anything can sync', () => {
    expect(summary({ metadata: status({ loop: { phase: 'paused-auth' } }) }).headline).toBe(
      'Sign in again to sync your changes',
    );
    expect(
      summary({
        metadata: status({ loop: { phase: 'paused-upgrade' } }),
        waitingOps: ops('settings.update'),
      }).headline,
    ).toBe('Update CoRATES to sync your changes; 1 settings change waiting');
  });
});

describe('listPhrase', () => {
  it('joins with commas and a final "and"', () => {
    expect(listPhrase([])).toBe('');
    expect(listPhrase(['a'])).toBe('a');
    expect(listPhrase(['a', 'b'])).toBe('a and b');
    expect(listPhrase(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
