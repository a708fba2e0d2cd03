import { describe, expect, it } from 'vitest';
import type { Pdf } from '@corates/shared';
import { cloneDraft, emptyDraft } from './cache-draft.ts';
import { type OpLike, applyChanges, applyOp } from './cache-reducer.ts';

// PDF metadata in the cache: the op effects and pull changes of the `pdf` entity.

const me = { id: 'u-me', name: 'Me', email: 'me@example.org' };
const AT = '2026-01-01T00:00:00.000Z';
const PID = '11111111-1111-4111-8111-111111111111';

const pdf = (id: string, over: Partial<Pdf> = {}): Pdf => ({
  id,
  projectId: PID,
  studyId: 's1',
  fileName: `${id}.pdf`,
  size: 10,
  tag: 'secondary',
  uploadedBy: me.id,
  createdAt: AT,
  updatedAt: AT,
  version: 1,
  ...over,
});
const op = (type: OpLike['type'], payload: unknown): OpLike => ({
  type,
  payload,
  clientVersion: '0.2.0',
  createdAt: AT,
});
function seeded() {
  const d = emptyDraft();
  d.projects.set(PID, {
    id: PID,
    name: 'P',
    description: '',
    role: 'owner',
    memberCount: 1,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
  });
  for (const p of [
    pdf('a', { tag: 'primary' }),
    pdf('b'),
    pdf('c', { studyId: 's2', tag: 'primary' }),
  ])
    d.pdfs.set(p.id, p);
  return d;
}
const tags = (d: ReturnType<typeof seeded>) =>
  Object.fromEntries([...d.pdfs.values()].map((p) => [p.id, p.tag]));

describe('PDF ops in the cache', () => {
  it('a new primary demotes the study’s old one, not another study’s', () => {
    const d = seeded();
    applyOp(d, op('pdf.update', { projectId: PID, id: 'b', patch: { tag: 'primary' } }), me);
    expect(tags(d)).toEqual({ a: 'secondary', b: 'primary', c: 'primary' });
  });

  it('a rename shows the safe name the server will store', () => {
    const d = seeded();
    applyOp(d, op('pdf.update', { projectId: PID, id: 'a', patch: { fileName: 'x/Final' } }), me);
    expect(d.pdfs.get('a')?.fileName).toBe('Final.pdf');
  });

  it('is idempotent, so it can be re-applied after every pull', () => {
    const once = seeded();
    const promote = op('pdf.update', { projectId: PID, id: 'b', patch: { tag: 'primary' } });
    applyOp(once, promote, me);
    const twice = cloneDraft(once);
    applyOp(twice, promote, me);
    expect(tags(twice)).toEqual(tags(once));
  });

  it('a delete removes the row; an op for an unknown PDF changes nothing', () => {
    const d = seeded();
    applyOp(d, op('pdf.delete', { projectId: PID, id: 'b' }), me);
    applyOp(d, op('pdf.update', { projectId: PID, id: 'zz', patch: { tag: 'primary' } }), me);
    expect([...d.pdfs.keys()].sort()).toEqual(['a', 'c']);
  });
});

describe('PDF changes from the pull', () => {
  it('upserts the server row and removes on a tombstone', () => {
    const d = seeded();
    applyChanges(
      d,
      [
        {
          entity: 'pdf',
          id: 'b',
          op: 'upsert',
          row: pdf('b', { fileName: 'new.pdf', version: 2 }),
          version: 7,
        },
      ],
      me,
    );
    expect(d.pdfs.get('b')).toMatchObject({ fileName: 'new.pdf', version: 2 });
    applyChanges(d, [{ entity: 'pdf', id: 'a', op: 'delete', version: 8 }], me);
    expect(d.pdfs.has('a')).toBe(false);
  });

  it('skips a row that does not parse rather than caching it wrong', () => {
    const d = seeded();
    applyChanges(
      d,
      [{ entity: 'pdf', id: 'b', op: 'upsert', row: { id: 'b', tag: 'appendix' }, version: 9 }],
      me,
    );
    expect(d.pdfs.get('b')).toEqual(pdf('b'));
  });

  it('a project leaving the cache takes its PDFs with it', () => {
    const d = seeded();
    applyChanges(d, [{ entity: 'project', id: PID, op: 'delete', version: 10 }], me);
    expect(d.pdfs.size).toBe(0);
  });
});
