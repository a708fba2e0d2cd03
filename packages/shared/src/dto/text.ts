import { z } from 'zod';

/**
 * Characters no name or description may hold. They are invisible or reorder what is shown, so a
 * name could look like another person's or another project's (a right-to-left override turns
 * `txt.exe` into `exe.txt`), and NUL or other controls break CSV exports and logs:
 * - C0 and C1 controls, DEL (line breaks and tabs only where `multiline` allows them);
 * - bidi embeddings, overrides and isolates: U+202A–U+202E, U+2066–U+2069;
 * - zero-width space, non-joiner and joiner (U+200B–U+200D) and the BOM (U+FEFF).
 * Direction marks (U+200E, U+200F) stay allowed: they change no order, and RTL text needs them.
 */
// Matching control characters is the point of these two.
const FORBIDDEN_SINGLE_LINE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u009F\u200B-\u200D\u202A-\u202E\u2066-\u2069\uFEFF]/u;
// As above, less tab, line feed and carriage return.
const FORBIDDEN_MULTILINE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u202A-\u202E\u2066-\u2069\uFEFF]/u;

/** The first forbidden character in `text` as `U+XXXX`, or undefined when there is none. */
export function forbiddenCharacter(text: string, multiline = false): string | undefined {
  const match = (multiline ? FORBIDDEN_MULTILINE : FORBIDDEN_SINGLE_LINE).exec(text);
  if (!match) return undefined;
  return `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export interface PlainTextOptions {
  /** Fewest characters after trimming (0 allows an empty string). */
  min: number;
  /** Most characters after trimming. */
  max: number;
  /** Allows tabs and line breaks (descriptions); names are one line. */
  multiline?: boolean;
}

/**
 * Text a person typed and other people will read: trimmed, within `min`..`max` characters, and
 * refused (not silently stripped, so what is stored is what was typed) when it holds a character
 * of `forbiddenCharacter`. Every schema for names and descriptions builds on this one.
 */
export function plainTextSchema({ min, max, multiline = false }: PlainTextOptions) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .superRefine((text, ctx) => {
      const bad = forbiddenCharacter(text, multiline);
      if (bad) {
        ctx.addIssue({
          code: 'custom',
          message: `contains an invisible or control character (${bad})`,
        });
      }
    });
}
