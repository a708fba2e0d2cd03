import { describe, expect, test } from 'vitest';
import {
  decideFaults,
  NO_FAULTS,
  ratesForFraction,
  seededRandom,
  type FaultKind,
} from './fault-proxy.ts';

const FEDERATION_KINDS: FaultKind[] = [
  'dropRequest',
  'badGateway',
  'dropResponse',
  'duplicate',
  'delay',
  'reorder',
];

function decisions(seed: number, n: number, fraction: number) {
  const random = seededRandom(seed);
  const rates = ratesForFraction(fraction, FEDERATION_KINDS);
  return Array.from({ length: n }, () => decideFaults(random, rates, 2_000, true));
}

const faulted = (d: ReturnType<typeof decideFaults>) =>
  d.drop !== null || d.badGateway || d.delayMs > 0 || d.reorder || d.duplicate || d.dropResponse;

describe('ratesForFraction', () => {
  test('each kind gets the rate that makes P(at least one fault) the fraction', () => {
    const rates = ratesForFraction(0.25, FEDERATION_KINDS);
    const r = rates.delay;
    expect(1 - (1 - r) ** FEDERATION_KINDS.length).toBeCloseTo(0.25, 12);
    for (const k of FEDERATION_KINDS) expect(rates[k]).toBe(r);
  });
  test('kinds not named stay at 0; a fraction outside [0, 1) is refused', () => {
    expect(ratesForFraction(0.5, ['delay'])).toEqual({ ...NO_FAULTS, delay: 0.5 });
    expect(() => ratesForFraction(1, ['delay'])).toThrow(/not in/);
    expect(() => ratesForFraction(-0.1, ['delay'])).toThrow(/not in/);
  });
});

describe('decideFaults', () => {
  test('25 % of 20,000 requests meet a fault, every kind among them', () => {
    const ds = decisions(17, 20_000, 0.25);
    const share = ds.filter(faulted).length / ds.length;
    expect(share).toBeGreaterThan(0.24);
    expect(share).toBeLessThan(0.26);
    expect(ds.some((d) => d.drop?.kind === 'reset')).toBe(true);
    expect(ds.some((d) => d.drop?.kind === 'timeout')).toBe(true);
    for (const key of ['badGateway', 'reorder', 'duplicate', 'dropResponse'] as const)
      expect(ds.some((d) => d[key])).toBe(true);
  });
  test('delays and hangs are at most maxDelayMs', () => {
    const ds = decisions(3, 5_000, 0.25);
    const waits = ds.flatMap((d) => [d.delayMs, d.drop?.kind === 'timeout' ? d.drop.afterMs : 0]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(2_000);
    expect(Math.max(...waits)).toBeGreaterThan(1_500);
  });
  test('a dropped request meets no other fault: it never reaches the server', () => {
    for (const d of decisions(5, 5_000, 0.6).filter((x) => x.drop))
      expect([d.badGateway, d.delayMs, d.reorder, d.duplicate, d.dropResponse]).toEqual([
        false,
        0,
        false,
        false,
        false,
      ]);
  });
  test('the same seed replays the same faults; another seed does not', () => {
    expect(decisions(42, 500, 0.25)).toEqual(decisions(42, 500, 0.25));
    expect(decisions(43, 500, 0.25)).not.toEqual(decisions(42, 500, 0.25));
  });
  test('a request that is not faulty draws nothing and meets nothing', () => {
    const random = seededRandom(9);
    const rates = ratesForFraction(0.9, FEDERATION_KINDS);
    expect(faulted(decideFaults(random, rates, 2_000, false))).toBe(false);
    // The stream was not advanced: the next faulty request sees what the first draw would be.
    expect(decideFaults(random, rates, 2_000, true)).toEqual(
      decideFaults(seededRandom(9), rates, 2_000, true),
    );
  });
  test('without a badGateway rate the stream is the one the chaos test was written against', () => {
    // Five draws per undropped faulty request, as before badGateway existed.
    let calls = 0;
    const counting = () => {
      calls += 1;
      return 0.99;
    };
    decideFaults(counting, { ...NO_FAULTS, delay: 0.1 }, 2_000, true);
    expect(calls).toBe(5);
  });
});
