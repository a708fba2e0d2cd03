import { createEffect } from 'solid-js';

/** Sets the tab title per page, which is also what screen readers announce on navigation. */
export function useDocumentTitle(title: () => string | undefined): void {
  createEffect(() => {
    const page = title();
    document.title = page ? `${page} · CoRATES` : 'CoRATES';
  });
}
