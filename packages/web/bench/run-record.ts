import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceSection } from '@corates/bench-kit/markdown';

/** The machine and the run, as every group of this package states them in its section. */
export interface RunInfo {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  durationS: number;
  /** 1-minute load average when the run started and when it ended (other work on the machine). */
  load: [number, number];
  server: string;
}

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const DOC_HEADER =
  '# Benchmarks\n\nFigures measured by `pnpm bench` on the machine named in each section. Each benchmark group rewrites only its own section (between its `bench:` markers).\n';

export function log(message: string) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Call when the run starts; `finish` then states the machine, the duration and the load. */
export function startRun() {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!;
  return {
    finish(server: string): RunInfo {
      return {
        date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
        cores: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
        memoryGiB: os.totalmem() / 1024 ** 3,
        node: process.versions.node,
        os: `${os.type()} ${os.release()}`,
        durationS: (performance.now() - started) / 1000,
        load: [loadAtStart, os.loadavg()[0]!],
        server,
      };
    },
  };
}

/** Prints a group's section and, unless `out` is undefined, rewrites it in that file. */
export function publishSection(out: string | undefined, id: string, section: string): void {
  process.stdout.write(`\n${section}\n`);
  if (!out) return;
  const file = path.resolve(repoRoot, out);
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : DOC_HEADER;
  writeFileSync(file, replaceSection(doc, id, section));
  log(`wrote ${path.relative(repoRoot, file)}`);
}
