import { z } from 'zod';

/** Largest PDF an upload may carry: 50 MiB. */
export const PDF_MAX_BYTES = 50 * 1024 * 1024;

/** Longest stored file name, in UTF-16 code units, `.pdf` included. */
export const PDF_FILE_NAME_MAX = 180;

/** What every PDF file starts with (ISO 32000 §7.5.2): the bytes `%PDF-`. */
export const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] as const;

/**
 * A PDF's role in its study: `primary` is the report appraised beside the checklist (at most one
 * per study), `protocol` the registered protocol, `secondary` anything else.
 */
export const pdfTagSchema = z.enum(['primary', 'protocol', 'secondary']);
export type PdfTag = z.infer<typeof pdfTagSchema>;

/** Study ids come from the project's Yjs document; the server only bounds their shape. */
export const studyIdSchema = z.string().min(1).max(64);

/** PDF metadata as the API answers it and the pull feed carries it. The bytes live in R2. */
export const pdfSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  studyId: z.string(),
  /** Always a safe name (see `safePdfFileName`). */
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  tag: pdfTagSchema,
  uploadedBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Server-side change counter; bumps on every write to the row. */
  version: z.number().int().nonnegative(),
});
export type Pdf = z.infer<typeof pdfSchema>;

export const pdfListSchema = z.object({ pdfs: z.array(pdfSchema) });
export type PdfList = z.infer<typeof pdfListSchema>;

/** Any name a client sends becomes a safe one. */
const fileNameInput = z.string().trim().min(1).max(1024).transform(safePdfFileName);

/**
 * Query of an upload (the body is the raw PDF). Without `tag`, the study's first PDF becomes its
 * primary and later ones are secondary. A client-chosen `id` makes a retried upload answer the
 * PDF it already made instead of storing a second copy.
 */
export const uploadPdfQuerySchema = z.object({
  fileName: fileNameInput,
  tag: pdfTagSchema.optional(),
  id: z.uuid().optional(),
});
export type UploadPdfQuery = z.input<typeof uploadPdfQuerySchema>;

/** Rename or retag; setting `primary` demotes the study's previous primary to `secondary`. */
export const updatePdfSchema = z
  .strictObject({
    fileName: fileNameInput.optional(),
    tag: pdfTagSchema.optional(),
  })
  .refine((v) => v.fileName !== undefined || v.tag !== undefined, {
    message: 'nothing to update: give fileName or tag',
  });
export type UpdatePdf = z.infer<typeof updatePdfSchema>;

/** True when the bytes start like a PDF. A check of the header only, not of the whole file. */
export function hasPdfMagic(head: Uint8Array): boolean {
  return PDF_MAGIC.every((byte, i) => head[i] === byte);
}

// Characters no file system or Content-Disposition header takes safely: controls, reserved
// punctuation, zero-width and bidi overrides (which can disguise `exe.pdf` as `fdp.exe`).
const UNSAFE_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*;\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const FALLBACK_STEM = 'document';

/**
 * A file name safe to store, show and put in a download header: the last path segment only,
 * no control, bidi-override or reserved characters, no leading dots, no Windows device names,
 * whitespace collapsed, NFC-normalised, at most `PDF_FILE_NAME_MAX` long, always ending `.pdf`.
 * Idempotent: a safe name maps to itself.
 */
export function safePdfFileName(raw: string): string {
  const lastSegment = raw.split(/[/\\]/).at(-1) ?? '';
  let stem = lastSegment
    .normalize('NFC')
    .replace(UNSAFE_CHARS, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.pdf$/i, '')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (stem === '' || /^_+$/.test(stem)) stem = FALLBACK_STEM;
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  const maxStem = PDF_FILE_NAME_MAX - '.pdf'.length;
  if (stem.length > maxStem) {
    stem = stem.slice(0, maxStem);
    // Never leave half a surrogate pair behind.
    if (/[\ud800-\udbff]$/.test(stem)) stem = stem.slice(0, -1);
    stem = stem.replace(/[.\s]+$/, '');
  }
  return `${stem}.pdf`;
}
