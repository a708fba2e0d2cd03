import { For, Show, createMemo } from 'solid-js';
import type { DocStudy, PreviewRow } from '@corates/shared';
import { PREVIEW_ROW_LIMIT, rowStatus, rowStatusText } from './import-preview.ts';

/** Every record of the file and what the import will do with it. */
export function ImportPreviewTable(props: { rows: PreviewRow[]; studies: DocStudy[] }) {
  const titles = createMemo(() => new Map(props.studies.map((s) => [s.id, s.title])));
  const titleOf = {
    study: (id: string) => titles().get(id) ?? 'a study',
    row: (index: number) => {
      const row = props.rows[index];
      return row?.ok ? row.fields.title : '';
    },
  };
  return (
    <div class="table-wrap import-preview">
      <table class="import-table" data-testid="import-preview">
        <caption class="visually-hidden">What the import will do with each record</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Title</th>
            <th scope="col">Authors</th>
            <th scope="col">Year</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows.slice(0, PREVIEW_ROW_LIMIT)}>
            {(row, i) => (
              <tr data-testid="import-row" data-status={rowStatus(row)}>
                <td>{i() + 1}</td>
                <td>{row.ok ? row.fields.title : row.title || <em>(no title)</em>}</td>
                <td>{row.ok ? row.fields.authors : ''}</td>
                <td>{row.ok ? (row.fields.year ?? '') : ''}</td>
                <td class={`import-status import-status-${rowStatus(row)}`}>
                  {rowStatusText(row, titleOf)}
                  <Show when={!row.ok}>{` (line ${row.line})`}</Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.rows.length > PREVIEW_ROW_LIMIT}>
        <p class="field-hint import-more">
          The first {PREVIEW_ROW_LIMIT} of {props.rows.length} records are shown; the counts above
          include them all.
        </p>
      </Show>
    </div>
  );
}
