import { liveQuery } from 'dexie';
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';

/**
 * A Solid accessor over a Dexie live query: re-runs when the tables it read change, in this tab
 * or another. `source` holds the reactive inputs (undefined: nothing to query yet); the query
 * itself must not read signals, since it runs outside Solid's tracking.
 */
export function createLiveQuery<S, T>(
  source: () => S | undefined,
  query: (input: S) => Promise<T>,
): { value: Accessor<T | undefined>; loaded: Accessor<boolean> } {
  const [value, setValue] = createSignal<T>();
  const [loaded, setLoaded] = createSignal(false);
  createEffect(() => {
    const input = source();
    setLoaded(false);
    if (input === undefined) return;
    const subscription = liveQuery(() => query(input)).subscribe({
      next: (v) => {
        setValue(() => v);
        setLoaded(true);
      },
      // A closed database (signed out mid-query) has nothing more to show.
      error: () => setLoaded(true),
    });
    onCleanup(() => subscription.unsubscribe());
  });
  return { value, loaded };
}
