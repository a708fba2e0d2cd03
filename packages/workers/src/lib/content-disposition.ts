/**
 * `Content-Disposition` for a stored file name (already safe: no quotes, backslashes or controls).
 * Old clients read the ASCII `filename`; others the exact UTF-8 `filename*` (RFC 6266 / 8187).
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
