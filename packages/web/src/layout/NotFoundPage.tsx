import { A } from '@solidjs/router';
import { useDocumentTitle } from '../ui/use-document-title.ts';

export function NotFoundPage() {
  useDocumentTitle(() => 'Page not found');
  return (
    <div class="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <A href="/">Go to My projects</A>.
      </p>
    </div>
  );
}
