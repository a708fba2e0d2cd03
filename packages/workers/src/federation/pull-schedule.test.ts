import { describe, expect, it } from 'vitest';
import { nextPull, PULL_SCHEDULE, stopsPulling, type PullOutcome } from './pull-schedule.ts';

const low = () => 0;
const high = () => 0.999_999;
const unreachable: PullOutcome = { kind: 'failed' };

describe('nextPull', () => {
  it('asks again in 2 s while changes keep coming, polls every 10 s when idle, and a success forgets the failures', () => {
    expect(nextPull({ kind: 'pulled', busy: true }, 0, high)).toEqual({
      stop: false,
      delayMs: 2_000,
      failures: 0,
    });
    expect(nextPull({ kind: 'pulled', busy: false }, 6, high)).toEqual({
      stop: false,
      delayMs: 10_000,
      failures: 0,
    });
  });

  it('backs off exponentially with the jitter between half the backoff and all of it, capped at 5 minutes', () => {
    const delays = (random: () => number) => {
      const out: number[] = [];
      let failures = 0;
      for (let i = 0; i < 9; i++) {
        const next = nextPull({ kind: 'failed', status: 503 }, failures, random);
        if (next.stop) throw new Error('a 503 is retried');
        out.push(next.delayMs);
        failures = next.failures;
      }
      expect(failures).toBe(9);
      return out;
    };
    expect(delays(low)).toEqual([
      2_500, 5_000, 10_000, 20_000, 40_000, 80_000, 150_000, 150_000, 150_000,
    ]);
    expect(delays(high)).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000,
    ]);
    const mid = nextPull(unreachable, 2, () => 0.5);
    expect(mid).toEqual({ stop: false, delayMs: 15_000, failures: 3 });
  });

  it('stays finite and capped after days of failures', () => {
    const next = nextPull(unreachable, 100_000, high);
    expect(next).toEqual({ stop: false, delayMs: PULL_SCHEDULE.retryCapMs, failures: 100_001 });
  });

  it('never retries a refused signature or token, a forbidden share, a revoked share or a schema mismatch', () => {
    for (const refusal of [
      { status: 401, code: 'SIGNATURE_INVALID' },
      { status: 401, code: 'FEDERATION_TOKEN_INVALID' },
      { status: 401 },
      { status: 403, code: 'FORBIDDEN' },
      { status: 410, code: 'SHARE_REVOKED' },
      { status: 409, code: 'SCHEMA_MISMATCH' },
      // The page's own schema version outside ours (no HTTP refusal).
      { code: 'SCHEMA_MISMATCH' },
    ])
      expect(nextPull({ kind: 'failed', ...refusal }, 3, low), JSON.stringify(refusal)).toEqual({
        stop: true,
      });
  });

  it('retries what may pass: no answer, 5xx, 429, a paused share, a refetch asked for again', () => {
    for (const failure of [
      {},
      { status: 500, code: 'INTERNAL' },
      { status: 502 },
      { status: 429 },
      // The owner paused the share: B catches up once it is resumed.
      { status: 409, code: 'SHARE_PAUSED' },
      { status: 409, code: 'MUST_REFETCH' },
    ]) {
      expect(stopsPulling(failure), JSON.stringify(failure)).toBe(false);
      expect(nextPull({ kind: 'failed', ...failure }, 0, low)).toEqual({
        stop: false,
        delayMs: 2_500,
        failures: 1,
      });
    }
  });
});
