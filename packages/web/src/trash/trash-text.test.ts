import { describe, expect, it } from 'vitest';
import type { TrashEntry } from '@corates/shared/doc';
import {
  daysLeftLabel,
  lossLine,
  noticeText,
  noticesFor,
  removalBlocked,
  trashEntryTitle,
} from './trash-text.ts';

const names: Record<string, string> = { ana: 'Ana', olga: 'Olga', bo: 'Bo' };
const nameOf = (id: string) => names[id] ?? 'Former member';

const header = (reviewerId: string | null) => ({
  id: `s1:AMSTAR2:${reviewerId}`,
  studyId: 's1',
  type: 'AMSTAR2',
  reviewerId,
  status: 'in-progress',
});
const entry = (over: Partial<TrashEntry> = {}): TrashEntry =>
  ({
    id: 'e1',
    kind: 'checklist',
    studyId: 's1',
    by: 'olga',
    at: '2026-12-01T00:00:00.000Z',
    reviewerId: 'ana',
    slot: 'reviewer1',
    checklists: [header('ana')],
    expiresAt: '2026-12-31T00:00:00.000Z',
    daysLeft: 24,
    ...over,
  }) as TrashEntry;

describe('trash text', () => {
  it('says exactly what will be lost', () => {
    expect(
      lossLine(
        { type: 'AMSTAR2', reviewerId: 'ana', loss: { answered: 14, total: 22, notes: 3 } },
        nameOf,
      ),
    ).toBe('Ana’s AMSTAR 2 checklist, 14 of 22 answered, 3 notes');
    expect(lossLine({ type: 'AMSTAR2', reviewerId: null }, nameOf)).toBe(
      'The reconciled AMSTAR 2 checklist, its content is not open to you',
    );
  });

  it('blocks an editor from removing someone else’s started work, not their own or an owner', () => {
    expect(removalBlocked({ userId: 'bo', role: 'editor' }, ['ana'])).toMatch(/only an owner/);
    expect(removalBlocked({ userId: 'ana', role: 'editor' }, ['ana'])).toBeUndefined();
    expect(removalBlocked({ userId: 'olga', role: 'owner' }, ['ana', null])).toBeUndefined();
    expect(removalBlocked({ userId: 'bo', role: 'editor' }, [])).toBeUndefined();
  });

  it('lists an entry with its days left', () => {
    expect(trashEntryTitle(entry(), 'Statins', nameOf)).toBe(
      'Ana’s AMSTAR 2 checklist for “Statins”',
    );
    const study = entry({
      kind: 'study',
      study: { title: 'Statins', reviewer1: 'ana', reviewer2: null },
    } as Partial<TrashEntry>);
    expect(trashEntryTitle(study, '', nameOf)).toBe('Study “Statins” with 1 checklist');
    expect(daysLeftLabel(24)).toBe('24 days left');
    expect(daysLeftLabel(1)).toBe('1 day left');
    expect(daysLeftLabel(0)).toBe('deleted for good today');
  });

  it('tells the reviewer, not the one who moved it, until dismissed', () => {
    const e = entry();
    expect(noticesFor([e], 'ana', new Set())).toEqual([e]);
    expect(noticesFor([e], 'ana', new Set(['e1']))).toEqual([]);
    expect(noticesFor([e], 'bo', new Set())).toEqual([]);
    expect(noticesFor([entry({ by: 'ana' })], 'ana', new Set())).toEqual([]);
    expect(noticeText(e, 'Statins', 'Olga')).toBe(
      'Your checklist for “Statins” was moved to the trash by Olga.',
    );
  });
});
