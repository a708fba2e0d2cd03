/**
 * The last value read of something that changes rarely, usable for `ttlMs` after it was read. Every
 * fresh read replaces it (`set`), so a busy isolate's copy is mostly younger than the limit.
 */
export class RecentValue<T> {
  private entry: { value: T; until: number } | undefined;

  constructor(private readonly ttlMs: number) {}

  /** The value, if it was read less than `ttlMs` before `now` (ms). */
  get(now: number): T | undefined {
    if (this.entry && now < this.entry.until) return this.entry.value;
    this.entry = undefined;
    return undefined;
  }

  set(value: T, now: number) {
    this.entry = { value, until: now + this.ttlMs };
  }
}
