/**
 * The headers every response of the app carries, HTML and API alike (DESIGN.md, "Security
 * contracts"). One table: the Worker sets them on API answers, and the web build writes them
 * into the static assets' `_headers` file, because assets are served without running the Worker.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Solid and pdf.js set inline `style` attributes; no inline <style> or script is needed.
  "style-src 'self' 'unsafe-inline'",
  // pdf.js renders pages to canvas and may hand images and fonts over as blob:/data: URLs.
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // 'self' covers the same-origin ws:/wss: document sockets in current browsers.
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Header name → value, for responses of every kind. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Older browsers that ignore `frame-ancestors`.
  'X-Frame-Options': 'DENY',
};

/**
 * A stored PDF shown inline: a sandboxed document runs no script and cannot reach the app's
 * origin, whatever the file contains.
 */
export const INLINE_PDF_CSP = 'sandbox';

/** Cloudflare's static-assets `_headers` file applying {@link SECURITY_HEADERS} to every path. */
export function assetHeadersFile(): string {
  const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return `/*\n${lines.join('\n')}\n`;
}
