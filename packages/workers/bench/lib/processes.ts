import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { mib } from './units.ts';

export { freePort } from '@corates/bench-kit/free-port';

export interface GroupProcess {
  child: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
}

/**
 * Starts a command as the leader of its own process group, output appended to `logFile`, so that
 * `stopGroup` ends it and everything it spawned (wrangler → workerd) and nothing else.
 */
export function spawnGroup(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): GroupProcess {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  live.add(child.pid);
  void exited.then(() => log.end());
  return { child, pid: child.pid, exited };
}

const live = new Set<number>();

export async function stopGroup(group: GroupProcess, graceMs = 5_000): Promise<void> {
  if (!live.has(group.pid)) return;
  killGroup(group.pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  if ((await Promise.race([group.exited, timer])) === 'timeout') killGroup(group.pid, 'SIGKILL');
  // The leader may be gone while a grandchild (workerd) still holds the group; make sure.
  await new Promise((r) => setTimeout(r, 200));
  killGroup(group.pid, 'SIGKILL');
  live.delete(group.pid);
}

function killGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group has already gone.
  }
}

/** Last resort on an abnormal exit: no server outlives the benchmark. */
export function killAllGroupsSync() {
  for (const pgid of live) killGroup(pgid, 'SIGKILL');
  live.clear();
}

/**
 * Resolves once the group's server answers 2xx at `url`. If it exits first or `timeoutMs` passes,
 * the group is stopped and the error thrown, so a failed start leaves no process behind.
 */
export async function untilServing(group: GroupProcess, url: string, timeoutMs: number) {
  let exited = false;
  void group.exited.then(() => (exited = true));
  try {
    await waitForHttp(url, timeoutMs, () => !exited);
  } catch (e) {
    await stopGroup(group);
    throw e;
  }
}

async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`the server for ${url} exited`);
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  comm: string;
  cmdline: string;
  rssBytes: number;
}

/** `pid` and all its descendants, read from /proc (Linux only). */
export function processTree(pid: number): ProcessInfo[] {
  const all: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcess(Number(entry));
    if (info) all.push(info);
  }
  const tree: ProcessInfo[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const info of all) {
      if (info.pid === current) tree.push(info);
      if (info.ppid === current) queue.push(info.pid);
    }
  }
  return tree;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parentheses; the fields after the last ')' are fixed.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return { pid, ppid, comm, cmdline, rssBytes: rssKb * 1024 };
  } catch {
    return undefined; // exited while we looked
  }
}

/**
 * Memory of a server that a Node process drives through Miniflare: the RSS of the workerd
 * processes under `pid`; the Node process itself is named in the detail, not counted.
 */
export function miniflareMemory(pid: number | undefined): { rssBytes: number; detail: string } {
  const tree = pid === undefined ? [] : processTree(pid);
  const sum = (ps: ProcessInfo[]) => ps.reduce((n, p) => n + p.rssBytes, 0);
  const workerd = sum(tree.filter((p) => p.comm === 'workerd'));
  const others = sum(tree.filter((p) => p.comm !== 'workerd'));
  return {
    rssBytes: workerd,
    detail: `workerd ${mib(workerd)}; not counted: the Node process driving Miniflare ${mib(others)}`,
  };
}
