import { describe, expect, it } from 'vitest';
import type { Alert } from '@corates/shared';
import { alertMessage } from './alert-message.ts';

const alert = (over: Partial<Alert>): Alert => ({
  id: 'a',
  metric: 'syncFailureRate',
  threshold: 0.1,
  figure: 0.3,
  lastFigure: 0.3,
  detail: null,
  openedAt: '2030-01-01T00:00:00.000Z',
  lastSeenAt: '2030-01-01T00:00:00.000Z',
  resolvedAt: null,
  ...over,
});

describe('alertMessage', () => {
  it('names each new alert with its figure and threshold, fractions as percentages', () => {
    const m = alertMessage(
      {
        opened: [
          alert({}),
          alert({ metric: 'backlogOps', threshold: 100, figure: 500, detail: 'client c1' }),
        ],
        resolved: [],
      },
      'https://corates.example.org/admin',
    );
    expect(m.subject).toBe('[CoRATES] 2 new alerts: syncFailureRate, backlogOps');
    expect(m.text).toContain('Sync failure rate: 30.0% (threshold 10.0%)');
    expect(m.text).toContain('Queued ops at one client: 500 (threshold 100) — client c1');
    expect(m.text).toContain('https://corates.example.org/admin');
  });

  it('a resolution reports the figure it recovered to', () => {
    const m = alertMessage(
      {
        opened: [],
        resolved: [alert({ lastFigure: 0.02, resolvedAt: '2030-01-01T01:00:00.000Z' })],
      },
      '/admin',
    );
    expect(m.subject).toBe('[CoRATES] resolved: syncFailureRate');
    expect(m.text).toContain('RESOLVED: back within threshold — Sync failure rate: 2.0%');
  });
});
