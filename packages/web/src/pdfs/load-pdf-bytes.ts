import type { PdfFileStore } from './pdf-file-store.ts';

export interface LoadedPdf {
  bytes: Uint8Array;
  /** Where the bytes came from: this device's copy, or the server just now. */
  from: 'device' | 'network';
}

/**
 * A PDF's bytes: this device's copy when there is one (it cannot be stale: PDF content never
 * changes), else the server's, kept for next time. Each call returns its own copy, because
 * pdf.js takes ownership of the buffer it is given.
 */
export async function loadPdfBytes(
  store: PdfFileStore,
  id: string,
  fetchBytes: () => Promise<ArrayBuffer>,
): Promise<LoadedPdf> {
  const kept = await store.open(id);
  if (kept) return { bytes: new Uint8Array(kept.slice(0)), from: 'device' };
  const fetched = await fetchBytes();
  await store.keep(id, fetched.slice(0));
  return { bytes: new Uint8Array(fetched), from: 'network' };
}
