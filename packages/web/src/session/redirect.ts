/**
 * The in-app path to return to after signing in, from the `next` query parameter. Only same-app
 * absolute paths are accepted: `//evil.example` and `https://…` would turn the sign-in page into
 * an open redirect.
 */
export function safeNextPath(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next.startsWith('/sign-up'))
    return '/';
  return next;
}

/** `/sign-in`, remembering where the user was headed (unless that is the home page). */
export function signInPathFor(currentPath: string): string {
  const next = safeNextPath(currentPath);
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}
