import { describe, expect, it } from 'vitest';
import { ALERT_METRICS, type AlertMetric } from '@corates/shared';
import { evaluateAlerts, type Figures } from './evaluate.ts';

function figures(values: Partial<Record<AlertMetric, number | null>>): Figures {
  return Object.fromEntries(ALERT_METRICS.map((m) => [m, { value: values[m] ?? null }])) as Figures;
}

describe('evaluateAlerts', () => {
  it('opens an alert for a figure above its threshold, with the figure and threshold', () => {
    const r = evaluateAlerts(
      figures({ backlogOps: 120, syncFailureRate: 0.01 }),
      [
        { metric: 'backlogOps', max: 100 },
        { metric: 'syncFailureRate', max: 0.05 },
      ],
      [],
    );
    expect(r).toEqual({
      opened: [{ metric: 'backlogOps', threshold: 100, figure: 120, detail: null }],
      continued: [],
      resolved: [],
    });
  });

  it('does not open at the threshold itself (strictly above)', () => {
    const r = evaluateAlerts(
      figures({ backlogOps: 100 }),
      [{ metric: 'backlogOps', max: 100 }],
      [],
    );
    expect(r.opened).toEqual([]);
  });

  it('de-duplicates: a figure still above an open alert updates it instead of opening another', () => {
    const r = evaluateAlerts(
      figures({ outdatedShare: 0.4 }),
      [{ metric: 'outdatedShare', max: 0.2 }],
      [{ id: 'a1', metric: 'outdatedShare' }],
    );
    expect(r).toEqual({
      opened: [],
      continued: [{ id: 'a1', figure: 0.4, detail: null }],
      resolved: [],
    });
  });

  it('resolves an open alert once its figure is back at or below the threshold', () => {
    const r = evaluateAlerts(
      figures({ replayP95Ms: 5000 }),
      [{ metric: 'replayP95Ms', max: 5000 }],
      [{ id: 'a2', metric: 'replayP95Ms' }],
    );
    expect(r.resolved).toEqual([{ id: 'a2', metric: 'replayP95Ms', figure: 5000 }]);
    expect(r.opened).toEqual([]);
  });

  it('leaves an open alert alone when there is no data (no evidence it recovered)', () => {
    const r = evaluateAlerts(
      figures({ syncFailureRate: null }),
      [{ metric: 'syncFailureRate', max: 0.1 }],
      [{ id: 'a3', metric: 'syncFailureRate' }],
    );
    expect(r).toEqual({ opened: [], continued: [], resolved: [] });
  });

  it('resolves an open alert whose threshold was removed', () => {
    const r = evaluateAlerts(
      figures({ backlogOps: 999 }),
      [],
      [{ id: 'a4', metric: 'backlogOps' }],
    );
    expect(r.resolved).toEqual([{ id: 'a4', metric: 'backlogOps', figure: 999 }]);
  });

  it('carries the detail of the figure (which client) into the alert', () => {
    const f = figures({});
    f.backlogAgeMinutes = { value: 300, detail: 'client c1 (a@example.org)' };
    const r = evaluateAlerts(f, [{ metric: 'backlogAgeMinutes', max: 60 }], []);
    expect(r.opened[0]?.detail).toBe('client c1 (a@example.org)');
  });

  it('a sequence of checks opens once, stays open while above, and resolves once', () => {
    const thresholds = [{ metric: 'backlogOps' as const, max: 10 }];
    let open: { id: string; metric: AlertMetric }[] = [];
    const events: string[] = [];
    for (const [i, value] of [5, 50, 60, 40, 3, 2, 30].entries()) {
      const r = evaluateAlerts(figures({ backlogOps: value }), thresholds, open);
      for (const o of r.opened) {
        events.push(`open ${o.figure}`);
        open.push({ id: `run${i}`, metric: o.metric });
      }
      for (const x of r.resolved) {
        events.push(`resolve ${x.figure}`);
        open = open.filter((a) => a.id !== x.id);
      }
    }
    expect(events).toEqual(['open 50', 'resolve 3', 'open 30']);
  });
});
