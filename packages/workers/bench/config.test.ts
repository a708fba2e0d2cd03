import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('readConfig', () => {
  it('runs every part and writes the record by default', () => {
    const config = readConfig({});
    expect(config.parts).toEqual(['latency', 'connections', 'initial-sync']);
    expect(config.clients).toEqual([2, 10, 50]);
    expect(config.out).toBe('docs/benchmarks.md');
  });

  it('runs every server, and judges latency on presence with the bare figures beside it', () => {
    const config = readConfig({});
    expect(config.servers).toEqual([
      'relay',
      'relay-npm-start',
      'floor',
      'yps-stored',
      'yps-debounced',
      'ws-server',
      'relay-alone',
    ]);
    expect(config.latencyModes[0]).toBe('presence');
    expect(config.latencyModes).toContain('bare');
  });

  it('a run of some parts prints only, unless told where to write', () => {
    const burst = readConfig({ BENCH_PARTS: 'initial-sync' });
    expect(burst.parts).toEqual(['initial-sync']);
    expect(burst.clients).toEqual([]); // no latency series
    expect(burst.out).toBeUndefined();
    expect(readConfig({ BENCH_PARTS: 'initial-sync', BENCH_OUT: '/tmp/x.md' }).out).toBe(
      '/tmp/x.md',
    );
    expect(readConfig({ BENCH_OUT: 'none' }).out).toBeUndefined();
  });

  it('refuses a part it does not know', () => {
    expect(() => readConfig({ BENCH_PARTS: 'latency,bursts' })).toThrow(/bad benchmark setting/);
    expect(() => readConfig({ BENCH_LATENCY_MODES: 'presence,quiet' })).toThrow(/bad benchmark/);
    expect(() => readConfig({ BENCH_SERVERS: 'relay,peer' })).toThrow(/bad benchmark setting/);
  });
});
