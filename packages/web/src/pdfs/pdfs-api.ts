import { CLIENT_VERSION_HEADER, type Pdf, type PdfTag, pdfSchema } from '@corates/shared';
import { ApiError, networkError, toApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import { APP_VERSION } from '../env.ts';

export interface UploadRequest {
  projectId: string;
  studyId: string;
  file: Blob;
  fileName: string;
  tag?: PdfTag;
  /** Chosen by the caller so a retried upload cannot store the PDF twice. */
  id: string;
  /** 0..1 as the bytes go out. */
  onProgress?: (fraction: number) => void;
}

/**
 * Sends a PDF as the raw request body. XMLHttpRequest rather than fetch: only it reports upload
 * progress. Rejects with ApiError like every other call.
 */
export function uploadPdf(request: UploadRequest): Promise<Pdf> {
  const query = new URLSearchParams({ fileName: request.fileName, id: request.id });
  if (request.tag) query.set('tag', request.tag);
  const url = `/api/projects/${encodeURIComponent(request.projectId)}/studies/${encodeURIComponent(
    request.studyId,
  )}/pdfs?${query}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader(CLIENT_VERSION_HEADER, APP_VERSION);
    xhr.setRequestHeader('Content-Type', 'application/pdf');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) request.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(networkError(new Error('upload failed')));
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        // Not JSON: toApiError falls back on the status.
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(toApiError(xhr.status, body));
        return;
      }
      const pdf = pdfSchema.safeParse(body);
      if (pdf.success) resolve(pdf.data);
      else reject(toApiError(500, body));
    };
    xhr.send(request.file);
  });
}

/** A PDF's bytes from the server. */
export async function fetchPdfContent(projectId: string, pdfId: string): Promise<ArrayBuffer> {
  const result = await api.GET('/api/projects/{projectId}/pdfs/{pdfId}/content', {
    params: { path: { projectId, pdfId } },
    parseAs: 'arrayBuffer',
  });
  if (!(result.data instanceof ArrayBuffer)) {
    throw new ApiError({ code: 'INTERNAL', status: 200, message: 'The PDF arrived empty' });
  }
  return result.data;
}
