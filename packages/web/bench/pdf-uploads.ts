import { CLIENT_VERSION_HEADER } from '@corates/shared';
import type { Account } from './accounts.ts';

/** The smallest body the upload route takes as a PDF (it checks the `%PDF-` signature). */
const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

/**
 * Uploads `count` small PDFs through `POST /api/projects/{id}/studies/{studyId}/pdfs`, one after
 * another, round-robin over `projectIds`, untimed: PDF metadata rows for a pull to read back.
 */
export async function uploadPdfs(
  base: string,
  account: Account,
  projectIds: readonly string[],
  count: number,
  clientVersion: string,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const projectId = projectIds[i % projectIds.length]!;
    const res = await fetch(
      `${base}/api/projects/${projectId}/studies/study-${i}/pdfs?fileName=Trial%20${i + 1}.pdf`,
      {
        method: 'POST',
        headers: {
          [CLIENT_VERSION_HEADER]: clientVersion,
          Cookie: account.cookie,
          'Content-Type': 'application/pdf',
        },
        body: PDF_BYTES,
      },
    );
    if (res.status !== 201) throw new Error(`PDF upload: ${res.status} ${await res.text()}`);
  }
}
