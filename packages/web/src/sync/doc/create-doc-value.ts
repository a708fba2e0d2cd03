import type { Accessor } from 'solid-js';
import { onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type * as Y from 'yjs';

/**
 * A value read from the document, read again after every document update (local, remote or from
 * IndexedDB). Call it in a component or root: it stops listening on cleanup.
 *
 * The new value is reconciled into the old (objects matched by `key`, default `id`) rather than
 * replacing it, so a list rendered with <For> keeps each row's DOM, and with it focus and an open
 * select, when a peer's keystroke somewhere else in the document triggers an update. Values are
 * store proxies: read-only, and reads are tracked at property level.
 */
export function createDocValue<T>(
  doc: Y.Doc,
  read: (doc: Y.Doc) => T,
  options: { key?: string } = {},
): Accessor<T> {
  const [state, setState] = createStore<{ value: T }>({ value: read(doc) });
  const refresh = () => setState('value', reconcile(read(doc), { key: options.key ?? 'id' }));
  doc.on('update', refresh);
  onCleanup(() => doc.off('update', refresh));
  return () => state.value;
}
