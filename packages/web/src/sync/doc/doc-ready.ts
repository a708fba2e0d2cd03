import type { DocConnection } from './connection-state.ts';

export interface DocReadyFacts {
  /** The IndexedDB copy has been loaded. */
  loaded: boolean;
  /** That copy held studies or checklists (this device has seen the project before). */
  hasLocalCopy: boolean;
  /** The document has been in step with the server at least once since it was opened. */
  everSynced: boolean;
  connection: DocConnection;
}

/**
 * Whether the document can be shown. A local copy is shown as soon as it is loaded (offline
 * first). Without one, an empty document means "not downloaded yet", not "no studies": wait for the
 * first sync, unless the server cannot be reached, when the empty copy is all there is.
 */
export function docReady(f: DocReadyFacts): boolean {
  if (!f.loaded) return false;
  if (f.hasLocalCopy || f.everSynced) return true;
  return f.connection === 'offline' || f.connection === 'revoked';
}
