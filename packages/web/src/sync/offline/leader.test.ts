import { describe, expect, it } from 'vitest';
import { webLocksLeader } from './leader.ts';

/** An in-memory stand-in for navigator.locks: exclusive, FIFO. */
function fakeLocks() {
  const queues = new Map<string, Array<() => Promise<void>>>();
  const run = async (name: string) => {
    const queue = queues.get(name) ?? [];
    const next = queue[0];
    if (!next) return;
    await next();
    queue.shift();
    void run(name);
  };
  return {
    request(name: string, cb: () => Promise<void>) {
      const queue = queues.get(name) ?? [];
      queues.set(name, queue);
      queue.push(cb);
      if (queue.length === 1) void run(name);
      return Promise.resolve();
    },
  };
}

describe('webLocksLeader', () => {
  it('[L1] one holder at a time; the next takes over when it lets go', async () => {
    const locks = fakeLocks();
    const led: string[] = [];
    const releaseA = webLocksLeader(locks, 'l').acquire(() => led.push('a'));
    const releaseB = webLocksLeader(locks, 'l').acquire(() => led.push('b'));
    await new Promise((r) => setTimeout(r, 0));
    expect(led).toEqual(['a']);
    releaseA();
    await new Promise((r) => setTimeout(r, 0));
    expect(led).toEqual(['a', 'b']);
    releaseB();
  });

  it('[L1] giving up before the lock came means never leading', async () => {
    const locks = fakeLocks();
    const led: string[] = [];
    const releaseA = webLocksLeader(locks, 'l').acquire(() => led.push('a'));
    const releaseB = webLocksLeader(locks, 'l').acquire(() => led.push('b'));
    releaseB();
    releaseA();
    await new Promise((r) => setTimeout(r, 0));
    expect(led).toEqual(['a']);
  });
});
