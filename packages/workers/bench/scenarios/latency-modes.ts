/**
 * How the latency series drives its clients. The figure of record is `presence`, the case a user
 * meets: every client publishes the app's awareness state (packages/web/src/sync/doc/presence.ts,
 * set once when the page opens, then renewed by y-protocols every 15 s) and edits are paced, so the
 * series lasts long enough for every client's renewal to fall inside it. `bare` is the harness the
 * earlier figures came from: no awareness state, each edit sent as soon as the last one arrived.
 * The other two change one of those at a time, to tell which of them moves the figures.
 */
export const LATENCY_MODE_NAMES = ['presence', 'bare', 'presence-unpaced', 'bare-paced'] as const;
export type LatencyModeName = (typeof LATENCY_MODE_NAMES)[number];

export interface LatencyMode {
  name: LatencyModeName;
  /** Clients publish a presence state. */
  presence: boolean;
  /** Edits start every `paceMs` (or as soon as the last arrived, if later); 0: back to back. */
  paceMs: number;
}

/**
 * y-protocols renews a local awareness state once it is 15 s old, checking every 3 s, so every
 * client renews once within 18 s of joining.
 */
export const AWARENESS_RENEWAL_MS = 18_000;

export function latencyMode(name: LatencyModeName, paceMs: number): LatencyMode {
  return {
    name,
    presence: name === 'presence' || name === 'presence-unpaced',
    paceMs: name === 'presence' || name === 'bare-paced' ? paceMs : 0,
  };
}

/** What the app's presence puts in a client's awareness state (PresenceState in the web app). */
export function presenceState(index: number) {
  return {
    user: { id: `bench-user-${index}`, name: `Bench User ${index}`, color: '#1f5f8b' },
    checklistId: 'bench-checklist',
  };
}

/** The mode as the report names it. */
export function describeMode(mode: LatencyMode): string {
  const who = mode.presence ? 'presence on' : 'no presence';
  const pace = mode.paceMs > 0 ? `an edit every ${mode.paceMs} ms` : 'edits back to back';
  return `${who}, ${pace}`;
}
