import { describe, expect, it } from 'vitest';
import { type LoadTimeline, QUIET_WINDOW_MS, timeToInteractive } from './interactive.ts';

const timeline = (t: Partial<LoadTimeline>): LoadTimeline => ({
  readyAt: 1_000,
  longTasks: [],
  requests: [],
  observedUntil: 20_000,
  ...t,
});

describe('timeToInteractive', () => {
  it('is when the content appeared, on a quiet page', () => {
    expect(timeToInteractive(timeline({}))).toBe(1_000);
  });

  it('is the end of the last long task of a busy stretch once 5 s pass without one', () => {
    const longTasks = [
      { start: 900, end: 1_200 },
      { start: 3_000, end: 3_400 },
      // Less than 5 s after the previous one: still part of the busy stretch.
      { start: 7_000, end: 7_300 },
    ];
    expect(timeToInteractive(timeline({ longTasks }))).toBe(7_300);
  });

  it('ignores long tasks that ended before the content appeared', () => {
    const longTasks = [{ start: 200, end: 600 }];
    expect(timeToInteractive(timeline({ longTasks }))).toBe(1_000);
  });

  it('waits for the network to settle to at most two requests in flight', () => {
    const requests = [
      { start: 500, end: 4_000 },
      { start: 500, end: 30_000 },
      { start: 600, end: 30_000 },
    ];
    const longTasks = [{ start: 2_000, end: 2_100 }];
    // Three in flight until 4 s; quiet from there; the last long task before it ended at 2.1 s.
    expect(timeToInteractive(timeline({ requests, longTasks }))).toBe(2_100);
    // A request in flight forever (a socket) is one of the two allowed.
    expect(timeToInteractive(timeline({ requests: [{ start: 0, end: Infinity }] }))).toBe(1_000);
    const busy = [0, 1, 2].map(() => ({ start: 0, end: Infinity }));
    expect(timeToInteractive(timeline({ requests: busy }))).toBeUndefined();
  });

  it('is unknown until a whole quiet window has been observed', () => {
    const longTasks = [{ start: 3_000, end: 3_500 }];
    expect(
      timeToInteractive(timeline({ longTasks, observedUntil: 3_500 + QUIET_WINDOW_MS - 1 })),
    ).toBeUndefined();
    expect(timeToInteractive(timeline({ longTasks, observedUntil: 3_500 + QUIET_WINDOW_MS }))).toBe(
      3_500,
    );
  });
});
