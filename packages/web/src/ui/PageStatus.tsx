/** A loading line for a page or section; `role="status"` announces it politely. */
export function Loading(props: { label: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {props.label}
    </p>
  );
}
