import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { ServerCloseAction } from './connection-state.ts';
import type { DocSocket } from './doc-socket.ts';

// The provider module opens IndexedDB and sockets only when a document is acquired; importing it
// for the retry rule is enough.
vi.mock('y-indexeddb', () => ({ IndexeddbPersistence: class {} }));
const { retryWhileWithheld } = await import('./checklist-doc-provider.ts');

/** A socket the relay refuses as withheld until `allow`, with the provider's events. */
function fakeSocket() {
  const listeners = new Map<string, ((arg: unknown) => void)[]>();
  let refusal: ServerCloseAction | undefined;
  let allowed = false;
  const emit = (event: string, arg?: unknown) =>
    (listeners.get(event) ?? []).forEach((l) => l(arg));
  const asks: number[] = [];
  const connect = () => {
    asks.push(Date.now());
    if (allowed) emit('sync', true);
    else {
      refusal = 'withheld';
      emit('connection-close', null);
    }
  };
  const socket = {
    provider: {
      on: (event: string, l: (arg: unknown) => void) =>
        listeners.set(event, [...(listeners.get(event) ?? []), l]),
    },
    refusal: () => refusal,
    retry: () => {
      refusal = undefined;
      connect();
    },
  } as unknown as DocSocket;
  return { socket, connect, asks, allow: () => (allowed = true) };
}

describe('a withheld checklist document is asked for again', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('on a backoff, staying withheld between asks, until the server lets it in', () => {
    const s = fakeSocket();
    const withheld: boolean[] = [];
    retryWhileWithheld(
      s.socket,
      (w) => withheld.push(w),
      () => undefined,
      () => 1,
    );
    s.connect();
    expect(withheld).toEqual([true]);
    vi.advanceTimersByTime(2_000); // first retry: base delay (random pinned to 1)
    expect(s.asks).toHaveLength(2);
    vi.advanceTimersByTime(3_999);
    expect(s.asks).toHaveLength(2); // the next waits twice as long
    s.allow();
    vi.advanceTimersByTime(1);
    expect(s.asks).toHaveLength(3);
    expect(withheld.at(-1)).toBe(false);
    vi.advanceTimersByTime(120_000);
    expect(s.asks).toHaveLength(3); // let in: no more asks
  });

  it('soon after the project document changes (its header reached the server, a status moved)', () => {
    const s = fakeSocket();
    const project = new Y.Doc();
    retryWhileWithheld(
      s.socket,
      () => undefined,
      () => project,
      () => 1,
    );
    s.connect();
    s.allow();
    project.getMap('checklists').set('c1', 'changed');
    vi.advanceTimersByTime(500);
    expect(s.asks).toHaveLength(2);
  });

  it('stops asking once stopped (the document released)', () => {
    const s = fakeSocket();
    const stop = retryWhileWithheld(
      s.socket,
      () => undefined,
      () => undefined,
      () => 1,
    );
    s.connect();
    stop();
    vi.advanceTimersByTime(120_000);
    expect(s.asks).toHaveLength(1);
  });
});
