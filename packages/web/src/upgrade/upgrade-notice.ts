import type { KeyValueStorage } from '../session/remembered-user.ts';

const KEY = 'corates.upgrade.from';

/** Remembered across the reload (per tab), so the new build can say what just happened. */
export function rememberUpgradeFrom(storage: KeyValueStorage, version: string): void {
  storage.setItem(KEY, version);
}

/**
 * The version this tab was upgraded from, once: read and forgotten. Undefined when the tab was
 * not upgraded (or reloaded into the same build, e.g. the update was not published after all).
 */
export function takeUpgradeFrom(storage: KeyValueStorage, running: string): string | undefined {
  const from = storage.getItem(KEY);
  storage.removeItem(KEY);
  return from && from !== running ? from : undefined;
}
