/**
 * A cell as written to a CSV that people open in spreadsheets: a value starting with `=`, `+`, `-`
 * or `@` (or a tab or carriage return, which some spreadsheets skip before reading one) would be
 * run as a formula, so it gets a leading apostrophe (OWASP "CSV injection").
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180 quoting: a field with a comma, quote, CR or LF is quoted, and quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows to CSV text: CRLF line ends (RFC 4180), every cell neutralized then quoted as needed. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => row.map((c) => csvField(neutralizeFormula(c))).join(',') + '\r\n')
    .join('');
}

/**
 * The UTF-8 byte-order mark. Excel reads a CSV without it in the system's legacy code page, so
 * "Savović" arrives as "SavoviÄ‡"; with it, as UTF-8. Decoders that follow the Encoding standard
 * (`fetch`'s `text()`, `TextDecoder`) drop it, as do readr and Python's `utf-8-sig`.
 */
export const UTF8_BOM = '\uFEFF';

/** A CSV file for download: `toCsv` behind a byte-order mark, so spreadsheets read UTF-8. */
export function csvFile(rows: readonly (readonly string[])[]): string {
  return UTF8_BOM + toCsv(rows);
}
