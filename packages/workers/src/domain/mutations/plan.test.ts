import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.ts';
import { keysOf } from './keys.ts';
import { opResult, planBatch, type Entry } from './plan.ts';
import type { Mutation } from './rules.ts';
import { emptyWorld, type Account } from './world.ts';

const alice: Account = { id: 'alice', email: 'alice@example.org', name: 'Alice' };
const clock = () => new Date('2026-02-01T00:00:00Z');
const entry = (id: string, mutation: Mutation | AppError): Entry => ({
  op: { id, type: mutation instanceof AppError ? 'x' : mutation.type },
  mutation,
});
const create: Mutation = {
  type: 'project.create',
  payload: { id: 'p1', name: 'A', description: '' },
};
const rename = (name: string): Mutation => ({
  type: 'project.update',
  payload: { id: 'p1', name },
});

describe('planBatch', () => {
  it('[B4] each rule sees the writes of the ones before it; steps keep the batch order', () => {
    const world = emptyWorld();
    const plan = planBatch(
      world,
      alice,
      [entry('o1', create), entry('o2', rename('B')), entry('o3', rename('C'))],
      clock,
    );
    expect(plan.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(plan.steps.map((s) => s.record?.id)).toEqual(['o1', 'o2', 'o3']);
    expect(plan.steps[2]!.writes).toEqual([
      expect.objectContaining({
        kind: 'project.update',
        set: expect.objectContaining({ name: 'C', version: 3 }),
      }),
    ]);
    expect(world.projects.get('p1')).toMatchObject({ name: 'C', version: 3 });
  });

  it('[B5] a refusal writes nothing and the ops after it still run', () => {
    const world = emptyWorld();
    const plan = planBatch(
      world,
      alice,
      [
        entry('o1', create),
        entry('o2', { type: 'member.remove', payload: { projectId: 'p1', userId: 'alice' } }),
        entry('o3', new AppError('VALIDATION_FAILED', 'unknown op type x')),
        entry('o4', rename('B')),
      ],
      clock,
    );
    expect(plan.results.map((r) => r.status)).toEqual(['applied', 'refused', 'refused', 'applied']);
    // The refusals are recorded (so a repeat gets them back) with no writes of their own.
    expect(plan.steps.map((s) => [s.record?.result.status, s.writes.length])).toEqual([
      ['applied', 2],
      ['rejected', 0],
      ['rejected', 0],
      ['applied', 1],
    ]);
    expect(world.projects.get('p1')?.version).toBe(2);
  });

  it('[B8] an op id twice in one batch runs once; the repeat gets the first result', () => {
    const plan = planBatch(emptyWorld(), alice, [entry('o1', create), entry('o1', create)], clock);
    expect(plan.results[1]).toMatchObject({ status: 'duplicate', first: { status: 'applied' } });
    expect(plan.steps).toHaveLength(1);
  });

  it('[B8] [B9] stored op ids: the first result as duplicate, another user’s id refused, a legacy record bare', () => {
    const first = { id: 'o1', status: 'applied', row: { id: 'p1' } } as const;
    const stored = new Map([
      ['o1', { userId: 'alice', result: JSON.stringify(first) }],
      ['o2', { userId: 'bob', result: null }],
      ['o3', { userId: 'alice', result: null }],
    ]);
    const plan = planBatch(
      emptyWorld(),
      alice,
      [entry('o1', create), entry('o2', create), entry('o3', create)],
      clock,
      stored,
    );
    expect(plan.steps).toEqual([]);
    expect(plan.results.map((r, i) => opResult(`o${i + 1}`, r))).toEqual([
      { id: 'o1', status: 'duplicate', row: { id: 'p1' } },
      {
        id: 'o2',
        status: 'rejected',
        code: 'IDEMPOTENCY_MISMATCH',
        message: 'this op id belongs to another user',
      },
      { id: 'o3', status: 'duplicate' },
    ]);
  });

  it('[B13] a repeated membership op re-issues its access effect (the first run may have died before it)', () => {
    const world = emptyWorld();
    planBatch(world, alice, [entry('o1', create)], clock);
    const demote: Mutation = {
      type: 'member.setRole',
      payload: { projectId: 'p1', userId: 'bob', role: 'viewer' },
    };
    const stored = new Map([
      ['o2', { userId: 'alice', result: '{"id":"o2","status":"applied","row":{}}' }],
    ]);
    const plan = planBatch(world, alice, [entry('o2', demote)], clock, stored);
    expect(plan.effects).toEqual([{ kind: 'access', projectId: 'p1', userId: 'bob' }]);
  });
});

describe('opResult', () => {
  it('[B6] a CONFLICT with the current row is `conflict`; other refusals are `rejected` with their code', () => {
    const conflict = new AppError('CONFLICT', 'changed', { current: { id: 'p1', version: 3 } });
    expect(opResult('o', { status: 'refused', error: conflict })).toEqual({
      id: 'o',
      status: 'conflict',
      code: 'CONFLICT',
      message: 'changed',
      row: { id: 'p1', version: 3 },
    });
    expect(opResult('o', { status: 'refused', error: new AppError('CONFLICT', 'taken') })).toEqual({
      id: 'o',
      status: 'rejected',
      code: 'CONFLICT',
      message: 'taken',
    });
  });
});

describe('keysOf', () => {
  it('[B10] names every project and PDF the batch touches (never an account by email), and the caller’s settings if changed', () => {
    const keys = keysOf(alice, [
      create,
      { type: 'member.add', payload: { projectId: 'p2', email: 'b@example.org', role: 'viewer' } },
      { type: 'pdf.update', payload: { projectId: 'p2', id: 'f1', patch: { fileName: 'x.pdf' } } },
      rename('B'),
    ]);
    expect(keys).toEqual({
      projectIds: ['p1', 'p2'],
      pdfIds: ['f1'],
      settingsOf: undefined,
    });
    expect(
      keysOf(alice, [{ type: 'settings.update', payload: { changes: { theme: 'dark' } } }])
        .settingsOf,
    ).toBe('alice');
  });
});
