import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
// Vite emits the worker as its own file and gives its URL; the service worker precaches it with
// the app shell, so PDFs render offline too.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };

/** Opens a PDF from bytes. pdf.js takes the buffer over, so pass a copy you no longer need. */
export function openPdfDocument(bytes: Uint8Array): {
  promise: Promise<PDFDocumentProxy>;
  destroy: () => void;
} {
  const task = getDocument({ data: bytes });
  return { promise: task.promise, destroy: () => void task.destroy() };
}
