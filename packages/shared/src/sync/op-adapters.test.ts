import { describe, expect, it } from 'vitest';
import { OP_ADAPTERS, type OpAdapter, adaptOpPayload } from './op-adapters.ts';
import { opPayloadSchemas } from './ops.ts';

describe('op payload adapters', () => {
  it('translates a 0.1.x settings op (patch → changes) into a payload the current schema accepts', () => {
    const adapted = adaptOpPayload('settings.update', '0.1.4', { patch: { theme: 'dark' } });
    expect(adapted).toEqual({
      ok: true,
      payload: { changes: { theme: 'dark' } },
      translated: true,
    });
    if (!adapted.ok) throw new Error('unreachable');
    expect(opPayloadSchemas['settings.update'].safeParse(adapted.payload).success).toBe(true);
  });

  it('leaves current clients, current shapes and other op types alone', () => {
    const current = { changes: { theme: 'light' } };
    expect(adaptOpPayload('settings.update', '0.2.0', current)).toEqual({
      ok: true,
      payload: current,
      translated: false,
    });
    // A 0.2.0 client sending the old name is not translated: the schema rejects it, as it should.
    expect(adaptOpPayload('settings.update', '0.2.0', { patch: {} })).toMatchObject({
      translated: false,
    });
    // An old client that already sent the new shape (a pre-release build) needs nothing.
    expect(adaptOpPayload('settings.update', '0.1.9', current)).toMatchObject({
      translated: false,
    });
    expect(adaptOpPayload('project.delete', '0.0.1', { id: 'x' })).toMatchObject({ ok: true });
  });

  it('refuses a legacy shape from before the migration window with a stable code', () => {
    const adapted = adaptOpPayload('settings.update', '0.0.9', { patch: { theme: 'dark' } });
    expect(adapted).toMatchObject({ ok: false, code: 'OP_VERSION_RETIRED' });
  });

  it('walks a payload through successive changes in order', () => {
    const chain: OpAdapter[] = [
      ...OP_ADAPTERS,
      {
        type: 'settings.update',
        changedIn: '0.3.0',
        acceptedFrom: '0.1.0',
        isLegacy: (p) => typeof p === 'object' && p !== null && 'changes' in p,
        translate: ({ changes }) => ({ set: changes }),
      },
    ];
    expect(adaptOpPayload('settings.update', '0.1.0', { patch: { theme: 'dark' } }, chain)).toEqual(
      { ok: true, payload: { set: { theme: 'dark' } }, translated: true },
    );
    expect(
      adaptOpPayload('settings.update', '0.2.5', { changes: { theme: 'dark' } }, chain),
    ).toEqual({ ok: true, payload: { set: { theme: 'dark' } }, translated: true });
  });
});
