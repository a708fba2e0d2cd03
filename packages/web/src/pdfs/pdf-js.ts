import * as pdfjs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
// Vite emits the worker as its own file and gives its URL; the service worker precaches it with
// the app shell, so PDFs render offline too.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
// pdf.js's viewer components (pdfjs-dist/web/pdf_viewer.mjs) take the library from this global
// when their module is evaluated, so it is set here, by the module imported before them.
(globalThis as { pdfjsLib?: typeof pdfjs }).pdfjsLib = pdfjs;

export type { PDFDocumentProxy };

/** Opens a PDF from bytes. pdf.js takes the buffer over, so pass a copy you no longer need. */
export function openPdfDocument(bytes: Uint8Array): {
  promise: Promise<PDFDocumentProxy>;
  destroy: () => void;
} {
  const task = pdfjs.getDocument({ data: bytes });
  return { promise: task.promise, destroy: () => void task.destroy() };
}
