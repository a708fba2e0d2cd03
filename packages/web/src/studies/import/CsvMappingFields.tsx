import { For, createUniqueId } from 'solid-js';
import { CSV_FIELDS, type CsvField, type CsvMapping } from '@corates/shared';

const FIELD_LABELS: Record<CsvField, string> = {
  title: 'Title',
  authors: 'Authors',
  year: 'Year',
  journal: 'Journal',
  doi: 'DOI',
};

/** Which CSV column fills each study field; guessed from the headers, changeable here. */
export function CsvMappingFields(props: {
  headers: string[];
  mapping: CsvMapping;
  onMapping: (mapping: CsvMapping) => void;
}) {
  const id = createUniqueId();
  return (
    <fieldset class="import-mapping" data-testid="import-mapping">
      <legend>Columns</legend>
      <p class="field-hint">Which column of the file holds each field. Title is required.</p>
      <div class="import-mapping-fields">
        <For each={CSV_FIELDS}>
          {(field) => (
            <div class="field">
              <label for={`${id}-${field}`}>{FIELD_LABELS[field]}</label>
              <select
                id={`${id}-${field}`}
                data-testid={`import-map-${field}`}
                value={props.mapping[field] === null ? '' : String(props.mapping[field])}
                onChange={(event) => {
                  const v = event.currentTarget.value;
                  props.onMapping({ ...props.mapping, [field]: v === '' ? null : Number(v) });
                }}
              >
                <option value="">Not in the file</option>
                <For each={props.headers}>
                  {(header, i) => (
                    <option value={String(i())}>{header || `Column ${i() + 1}`}</option>
                  )}
                </For>
              </select>
            </div>
          )}
        </For>
      </div>
    </fieldset>
  );
}
