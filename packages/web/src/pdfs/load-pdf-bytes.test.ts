import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadPdfBytes } from './load-pdf-bytes.ts';
import { deletePdfFileStore, openPdfFileStore } from './pdf-file-store.ts';

const env = { indexedDB, IDBKeyRange };
let n = 0;
const freshName = () => `pdf-files-test-${n++}`;
const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0)).buffer;

function setup(maxFiles = 2) {
  let clock = 1000;
  const name = freshName();
  const store = openPdfFileStore(name, env, {
    limits: { maxFiles, maxBytes: 1024 },
    now: () => ++clock,
  });
  const fetched: string[] = [];
  const load = (id: string) =>
    loadPdfBytes(store, id, async () => {
      fetched.push(id);
      return bytesOf(`%PDF-${id}`);
    });
  return { name, store, fetched, load };
}

describe('loadPdfBytes over the kept-PDF store', () => {
  it('fetches once, then reads the kept copy', async () => {
    const { load, fetched } = setup();
    const first = await load('a');
    const second = await load('a');
    expect(first.from).toBe('network');
    expect(second.from).toBe('device');
    expect(new TextDecoder().decode(second.bytes)).toBe('%PDF-a');
    expect(fetched).toEqual(['a']);
  });

  it('keeps only the last opened PDFs, counting a re-open as recent', async () => {
    const { load, store, fetched } = setup(2);
    await load('a');
    await load('b');
    await load('a'); // a is now more recent than b
    await load('c'); // over the limit: b goes
    expect((await store.keptIds()).sort()).toEqual(['a', 'c']);
    await load('b');
    expect(fetched).toEqual(['a', 'b', 'c', 'b']);
  });

  it('a caller detaching its copy does not damage the kept bytes', async () => {
    const { load } = setup();
    const first = await load('a');
    structuredClone(first.bytes.buffer, { transfer: [first.bytes.buffer] }); // what a worker hand-off does
    const again = await load('a');
    expect(new TextDecoder().decode(again.bytes)).toBe('%PDF-a');
  });

  it('a failed fetch keeps nothing and says so', async () => {
    const { store } = setup();
    await expect(
      loadPdfBytes(store, 'x', () => Promise.reject(new Error('offline'))),
    ).rejects.toThrow('offline');
    expect(await store.keptIds()).toEqual([]);
  });

  it('deleting the store forgets every kept PDF', async () => {
    const { name, load, store } = setup();
    await load('a');
    store.close();
    await deletePdfFileStore(name, env);
    const reopened = openPdfFileStore(name, env);
    expect(await reopened.keptIds()).toEqual([]);
  });
});
