/**
 * The sessions this isolate resolved for document socket upgrades, briefly. Resolving a session
 * through better-auth was most of an upgrade's CPU in the benchmark (issue 18), and one user opens
 * many sockets at once (tabs, and under document model v2 one per checklist document). A cached
 * session is used for at most UPGRADE_SESSION_TTL_MS and never past its own expiry, and this
 * isolate forgets every one whenever an account or a session changes through it
 * (`forget`); another isolate's sign-out reaches this one only through the time limit. That
 * is the same exposure as a socket opened just before the sign-out, which sign-out has never
 * closed. Membership is not cached here: it is read from D1 on every upgrade, and a removal closes
 * the member's sockets (relay SPEC R9).
 */
export const UPGRADE_SESSION_TTL_MS = 30_000;
/** Bounds the isolate's memory whatever the traffic; the oldest entry goes first. */
export const UPGRADE_SESSION_MAX_ENTRIES = 1_000;

interface Entry<T> {
  value: T;
  until: number;
}

export class UpgradeSessions<T extends { sessionExpiresAt: Date }> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs = UPGRADE_SESSION_TTL_MS,
    private readonly maxEntries = UPGRADE_SESSION_MAX_ENTRIES,
  ) {}

  /** The session cached for these credentials, if still within its time; `now` in ms. */
  get(credentials: string, now: number): T | undefined {
    const entry = this.entries.get(credentials);
    if (!entry) return undefined;
    if (now < entry.until) return entry.value;
    this.entries.delete(credentials);
    return undefined;
  }

  set(credentials: string, value: T, now: number) {
    const until = Math.min(now + this.ttlMs, value.sessionExpiresAt.getTime());
    if (until <= now) return;
    this.entries.delete(credentials); // re-inserted last: the Map's order is the eviction order
    this.entries.set(credentials, { value, until });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** An account or a session changed through this isolate: nothing cached may be used again. */
  forget() {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
