import { describe, expect, it } from 'vitest';
import { commitScheduler } from './commit-schedule.ts';

function harness(quietMs = 10) {
  let clock = 1_000;
  const ran: string[] = [];
  const schedule = commitScheduler(
    () => clock,
    { soon: () => ran.push('soon'), later: () => ran.push('later') },
    quietMs,
  );
  return {
    ran,
    at(ms: number) {
      clock = ms;
      schedule(() => {});
    },
  };
}

describe('commitScheduler [R13]', () => {
  it('commits the first group at once, and one after a quiet spell', () => {
    const h = harness();
    h.at(1_000);
    h.at(1_100);
    h.at(1_110);
    expect(h.ran).toEqual(['soon', 'soon', 'soon']);
  });

  it('leaves groups that follow one another closely to the timer, for as long as they do', () => {
    const h = harness();
    h.at(1_000);
    h.at(1_001);
    h.at(1_005);
    h.at(1_014); // 9 ms after the last one: still the same burst
    h.at(1_030);
    expect(h.ran).toEqual(['soon', 'later', 'later', 'later', 'soon']);
  });

  it('groups everything that arrives in the same instant after the first', () => {
    const h = harness();
    for (let i = 0; i < 4; i++) h.at(5_000);
    expect(h.ran).toEqual(['soon', 'later', 'later', 'later']);
  });
});
