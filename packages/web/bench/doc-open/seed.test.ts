import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { batchUpdates } from './seed.ts';

describe('batchUpdates', () => {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 200; i++) doc.getMap('m').set(`k${i}`, 'x'.repeat(100));

  it('keeps every piece under the limit and the document whole', () => {
    const batches = batchUpdates(updates, 2_000);
    expect(batches.length).toBeGreaterThan(5);
    for (const b of batches) expect(b.length).toBeLessThanOrEqual(2_000);
    const copy = new Y.Doc();
    for (const b of batches) Y.applyUpdate(copy, b);
    expect(copy.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
  });

  it('sends a piece over the limit on its own rather than dropping it', () => {
    expect(batchUpdates(updates, 10)).toHaveLength(updates.length);
  });
});
