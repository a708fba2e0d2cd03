/**
 * Same-origin judgement for browser requests (DESIGN.md, "Security contracts"). Pure, so the
 * rules are unit-tested without a runtime; `middleware/same-origin.ts` applies them.
 *
 * Only browsers send `Origin` and `Sec-Fetch-Site`, and a page cannot forge them. A request with
 * neither comes from a non-browser client (a Node `WebsocketProvider`, a script) and is judged by
 * its credentials alone: it carries no ambient cookie a hostile page could borrow.
 */
export interface RequestSite {
  method: string;
  /** A WebSocket upgrade: a GET that a hostile page can open with the victim's cookie. */
  isUpgrade: boolean;
  /** The `Origin` header, if any (`null` is sent by sandboxed frames and some redirects). */
  origin: string | undefined;
  /** The `Sec-Fetch-Site` header, if any. */
  fetchSite: string | undefined;
  /** The origin this request was addressed to (the app's own origin). */
  ownOrigin: string;
  /** Further origins a deployment trusts (a separate web origin), exact `scheme://host[:port]`. */
  allowedOrigins: readonly string[];
}

/** Methods that never change state here, so a cross-site page may trigger them harmlessly. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the request must be refused with 403 FORBIDDEN_ORIGIN. */
export function isCrossSiteRequest(r: RequestSite): boolean {
  if (SAFE_METHODS.has(r.method.toUpperCase()) && !r.isUpgrade) return false;
  if (r.origin !== undefined) {
    // The Origin names the page exactly; it decides. `null` is never a trusted page.
    return r.origin !== r.ownOrigin && !r.allowedOrigins.includes(r.origin);
  }
  if (r.fetchSite !== undefined) {
    // `none` is a user-initiated navigation (typed URL, bookmark); `same-site` is another
    // origin of the same site, which is still not this app.
    return r.fetchSite !== 'same-origin' && r.fetchSite !== 'none';
  }
  return false;
}

/** Parses the deployment's comma-separated `ALLOWED_ORIGINS` setting; invalid entries are dropped. */
export function parseAllowedOrigins(setting: string | undefined): string[] {
  if (!setting) return [];
  const origins: string[] = [];
  for (const entry of setting.split(',')) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    try {
      const url = new URL(trimmed);
      if (url.origin !== 'null') origins.push(url.origin);
    } catch {
      // A typo in the setting must not open the app to anything; it is ignored.
    }
  }
  return origins;
}
