/** A span of page time in milliseconds since navigation start; `end` is Infinity while open. */
export interface Span {
  start: number;
  end: number;
}

export interface LoadTimeline {
  /** When the page's content (the project list, the sign-in form) was first in the DOM. */
  readyAt: number;
  /** Main-thread tasks longer than 50 ms (the Long Tasks API). */
  longTasks: readonly Span[];
  /** The page's network requests, from sent to finished or failed. */
  requests: readonly Span[];
  /** How far the timeline has been observed. */
  observedUntil: number;
}

/** Lighthouse's definition: 5 s with no long task and at most 2 requests in flight. */
export const QUIET_WINDOW_MS = 5_000;
const MAX_IN_FLIGHT = 2;

function mostInFlight(requests: readonly Span[], from: number, to: number): number {
  const edges: [number, number][] = [];
  for (const r of requests) {
    if (r.end <= from || r.start >= to) continue;
    edges.push([Math.max(r.start, from), 1], [r.end, -1]);
  }
  // Ends before starts at the same instant: a request finishing as another starts is not overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let inFlight = 0;
  let most = 0;
  for (const [, step] of edges) {
    inFlight += step;
    most = Math.max(most, inFlight);
  }
  return most;
}

function isQuiet(t: LoadTimeline, from: number): boolean {
  const to = from + QUIET_WINDOW_MS;
  if (t.longTasks.some((task) => task.start < to && task.end > from)) return false;
  return mostInFlight(t.requests, from, to) <= MAX_IN_FLIGHT;
}

/**
 * Time to interactive as Lighthouse computes it, counted from when the content is there rather than
 * from the first paint: the first quiet window at or after `readyAt`, moved back to the end of the
 * last long task before it (or to `readyAt` when there was none). Undefined until a whole quiet
 * window has been observed.
 */
export function timeToInteractive(t: LoadTimeline): number | undefined {
  const starts = [
    t.readyAt,
    ...t.longTasks.map((task) => task.end),
    ...t.requests.map((r) => r.end),
  ]
    .filter((s) => s >= t.readyAt && Number.isFinite(s))
    .sort((a, b) => a - b);
  const windowStart = starts.find((s) => s + QUIET_WINDOW_MS <= t.observedUntil && isQuiet(t, s));
  if (windowStart === undefined) return undefined;
  const lastTaskEnd = Math.max(
    t.readyAt,
    ...t.longTasks.filter((task) => task.end <= windowStart).map((task) => task.end),
  );
  return lastTaskEnd;
}
