import { PDF_MAX_BYTES, hasPdfMagic } from '@corates/shared';
import { ApiError } from '../api/api-error.ts';

/** What the upload form says before sending: the same rules the server applies. */
export async function checkPdfFile(file: Blob): Promise<ApiError | undefined> {
  if (file.size > PDF_MAX_BYTES) {
    return new ApiError({
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
      message: 'the file is over the size limit',
    });
  }
  const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
  if (!hasPdfMagic(head)) {
    return new ApiError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      status: 415,
      message: 'the file is not a PDF',
    });
  }
  return undefined;
}
