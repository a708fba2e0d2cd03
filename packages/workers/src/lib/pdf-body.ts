import { hasPdfMagic, PDF_MAGIC } from '@corates/shared';
import { AppError } from './app-error.ts';

export interface PdfBody {
  /** The whole body, first bytes included, with the declared length R2 needs to stream it. */
  stream: ReadableStream<Uint8Array>;
  /** Settles when the body is through; rejects when it was not exactly the declared length. */
  done: Promise<void>;
}

/**
 * Reads just enough of an upload to see its `%PDF-` header, then hands back the whole body as a
 * stream of known length, so the bytes go to R2 without ever sitting in the Worker's memory.
 * Throws UNSUPPORTED_MEDIA_TYPE (and drops the body) when the header is not a PDF's.
 */
export async function openPdfBody(
  body: ReadableStream<Uint8Array>,
  length: number,
): Promise<PdfBody> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let have = 0;
  while (have < PDF_MAGIC.length) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    have += value.byteLength;
  }
  const head = concat(chunks, have);
  if (!hasPdfMagic(head)) {
    await reader.cancel();
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'only PDF files can be uploaded');
  }
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  // R2 refuses a stream of unknown length; this one also errors if the body is not `length` long.
  const { readable, writable } = new FixedLengthStream(length);
  const done = replay.pipeTo(writable);
  // Observed through `done`; without this an early failure would be an unhandled rejection.
  done.catch(() => {});
  return { stream: readable as ReadableStream<Uint8Array>, done };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
