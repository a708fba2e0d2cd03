/**
 * `pnpm bench doc-cut`: how version 2's documents (issue 15: the project document plus one per
 * checklist) should be cut into Durable Objects — (A) one object per project hosting all of them,
 * or (B) one object per document — measured on a project of 200 studies × 3 checklists, beside
 * today's single document (v1). Each cut runs in its own local workerd (doc-cut-host.ts) on the
 * real relay code; prints the section and rewrites it in docs/benchmarks.md. Settings:
 * doc-cut-config.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceSection } from '@corates/bench-kit/markdown';
import { type DocCutConfig, readDocCutConfig } from './doc-cut-config.ts';
import { killAllGroupsSync } from './lib/processes.ts';
import { sleep } from './lib/sleep.ts';
import {
  type CutRun,
  type DocCutInfo,
  renderDocCutSection,
  SECTION_ID,
} from './report/doc-cut-report.ts';
import { buildProjectFixture, type ProjectFixture } from '@corates/bench-kit/project-fixture';
import {
  backgroundSync,
  type HostedProject,
  holdMembers,
  measureJoins,
  measureLatency,
  seedProject,
  spreadChecklists,
  timeRevoke,
} from './scenarios/doc-cut-scenarios.ts';
import { destroyAll } from './lib/bench-client.ts';
import { bundleDocCutWorker, type Cut, DocCutServer } from './servers/doc-cut-server.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const DOC_HEADER =
  '# Benchmarks\n\nFigures measured by `pnpm bench` on the machine named in each section. Each benchmark group rewrites only its own section (between its `bench:` markers).\n';
const PROJECT_ID = 'bench-project';
const SETTLE_MS = 2_000;

function log(message: string) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function attempt(run: CutRun, what: string, body: () => Promise<void>) {
  try {
    await body();
  } catch (e) {
    run.errors.push(`${what} failed: ${(e as Error).message.split('\n')[0]}`);
    log(`${run.cut}: ${what} failed: ${(e as Error).stack}`);
  }
}

/** One cut on its own server: seeded, restarted (nothing in memory), then every scenario. */
async function runCut(cut: Cut, config: DocCutConfig, fixture: ProjectFixture, bundle: string) {
  const run: CutRun = {
    cut,
    memory: {},
    syncs: { cold: [], warm: [] },
    latency: [],
    revokes: [],
    errors: [],
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), `corates-bench-doc-cut-${cut}-`));
  log(
    `${cut}: seeding ${cut === 'v1' ? 'one document' : `${fixture.checklists.length + 1} documents`}`,
  );
  const server = await DocCutServer.start(bundle, dir);
  const project: HostedProject = { server, cut, projectId: PROJECT_ID, fixture };
  try {
    const seeding = performance.now();
    await seedProject(project);
    run.seedS = (performance.now() - seeding) / 1000;
    await server.restart();
    await sleep(SETTLE_MS, undefined);
    run.memory.idle = server.memory().rssBytes;

    await attempt(run, 'memory', async () => {
      log(`${cut}: memory with 1, then ${config.active} members active`);
      const first = await holdMembers(project, 1);
      await sleep(SETTLE_MS, undefined);
      run.memory.one = server.memory().rssBytes;
      const rest = await holdMembers(project, config.active, 1);
      await sleep(SETTLE_MS, undefined);
      run.memory.active = server.memory().rssBytes;
      destroyAll([...first, ...rest]);
    });

    await attempt(run, 'joins', async () => {
      log(`${cut}: ${config.joins} cold and ${config.joins} warm joins`);
      run.joins = await measureJoins(project, config.joins);
    });

    if (cut !== 'v1') {
      for (let i = 0; i < config.syncs; i++) {
        await attempt(run, 'background sync', async () => {
          log(`${cut}: background sync ${i + 1} of ${config.syncs}, cold then warm`);
          await server.restart();
          await sleep(SETTLE_MS, undefined);
          run.syncs.cold.push(await backgroundSync(project, config.syncConcurrency));
          if (i === 0) run.memory.afterSync = server.memory().rssBytes;
          run.syncs.warm.push(await backgroundSync(project, config.syncConcurrency));
        });
      }
    }

    for (const writers of config.writers) {
      await attempt(run, `latency ${writers}`, async () => {
        log(`${cut}: ${writers} writers`);
        run.latency.push(
          await measureLatency(project, writers, config.writes, config.warmup, config.paceMs),
        );
      });
    }

    const revoked = spreadChecklists(fixture, config.revokes, fixture.reviewers[0]);
    for (const [i, id] of revoked.entries()) {
      await attempt(run, 'revoke', async () => {
        log(`${cut}: revoke ${i + 1} of ${config.revokes}, after a restart`);
        await server.restart();
        await sleep(SETTLE_MS, undefined);
        run.revokes.push(await timeRevoke(project, id));
      });
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    log(`${cut}: stopped`);
  }
  return run;
}

async function main() {
  const config = readDocCutConfig(process.env);
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!;
  log(`building the project: ${config.studies} studies × 3 checklists`);
  const fixture = buildProjectFixture({ studies: config.studies });
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'corates-bench-doc-cut-bundle-'));
  const runs: CutRun[] = [];
  try {
    const bundle = await bundleDocCutWorker(bundleDir);
    for (const cut of config.cuts) runs.push(await runCut(cut, config, fixture, bundle));
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }

  const sizes = fixture.checklists.map((c) => c.update.byteLength).sort((a, b) => a - b);
  const info: DocCutInfo = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.versions.node,
    durationS: (performance.now() - started) / 1000,
    load: [loadAtStart, os.loadavg()[0]!],
    studies: config.studies,
    checklists: fixture.checklists.length,
    assigned: fixture.checklists.filter((c) => c.reviewerId === fixture.reviewers[0]).length,
    docBytes: {
      v1: fixture.v1.byteLength,
      project: fixture.project.byteLength,
      checklistMedian: sizes[Math.floor((sizes.length - 1) / 2)] ?? 0,
    },
    perChecklist: fixture.perChecklist,
    joins: config.joins,
    syncs: config.syncs,
    syncConcurrency: config.syncConcurrency,
    active: config.active,
    writes: config.writes,
    revokes: config.revokes,
    paceMs: config.paceMs,
  };
  const section = renderDocCutSection(info, runs);
  process.stdout.write(`\n${section}\n`);
  if (config.out) {
    const file = path.resolve(repoRoot, config.out);
    const doc = existsSync(file) ? readFileSync(file, 'utf8') : DOC_HEADER;
    writeFileSync(file, replaceSection(doc, SECTION_ID, section));
    log(`wrote ${path.relative(repoRoot, file)}`);
  }
}

// Every y-websocket provider adds a process 'exit' listener; hundreds are expected here.
process.setMaxListeners(0);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllGroupsSync();
    process.exit(130);
  });
}
process.once('exit', killAllGroupsSync);

main().then(
  () => process.exit(0),
  (e: unknown) => {
    log(`failed: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
