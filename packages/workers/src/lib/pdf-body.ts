import { hasPdfMagic, PDF_MAGIC } from '@corates/shared';
import { AppError } from './app-error.ts';
import { toHex } from './hex.ts';

export interface PdfBody {
  /** The whole body, first bytes included, with the declared length R2 needs to stream it. */
  stream: ReadableStream<Uint8Array>;
  /** Settles when the body is through; rejects when it was not exactly the declared length. */
  done: Promise<void>;
  /**
   * The SHA-256 of the bytes (lower-case hex) once they are through: a federated share names a
   * PDF file by it (docs/federation.md "PDF files"). Rejects as `done` does.
   */
  sha256: Promise<string>;
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
  // Hashed on the way through, chunk by chunk as R2 reads them: never a second copy in memory
  // (a tee would buffer the whole file for the slower branch).
  const digest = new crypto.DigestStream('SHA-256');
  const hashWriter = digest.getWriter();
  const hashing = new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      await hashWriter.write(chunk);
      controller.enqueue(chunk);
    },
    flush: () => hashWriter.close(),
  });
  // R2 refuses a stream of unknown length; this one also errors if the body is not `length` long.
  const { readable, writable } = new FixedLengthStream(length);
  const done = replay.pipeThrough(hashing).pipeTo(writable);
  const sha256 = done.then(async () => toHex(new Uint8Array(await digest.digest)));
  // Observed through `done`/`sha256`; without this an early failure would be an unhandled rejection.
  done.catch(() => {});
  sha256.catch(() => {});
  return { stream: readable as ReadableStream<Uint8Array>, done, sha256 };
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
