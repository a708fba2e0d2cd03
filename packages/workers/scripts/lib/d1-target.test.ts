import { describe, expect, it } from 'vitest';
import { readTargetFlag, type D1Target } from './d1-target.ts';

describe('readTargetFlag --persist-to', () => {
  it('resolves a relative folder against where the command was typed, keeps an absolute one', () => {
    const relative: D1Target = { remote: false };
    expect(readTargetFlag('--persist-to', () => '.data/b', relative, '/home/me/corates')).toBe(
      true,
    );
    expect(relative.persistTo).toBe('/home/me/corates/.data/b');
    const absolute: D1Target = { remote: false };
    readTargetFlag('--persist-to', () => '/tmp/state', absolute, '/home/me/corates');
    expect(absolute.persistTo).toBe('/tmp/state');
  });
});
