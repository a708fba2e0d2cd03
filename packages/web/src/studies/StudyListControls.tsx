import { For, createUniqueId } from 'solid-js';
import {
  type Member,
  STUDY_DESIGNS,
  STUDY_DESIGN_LABEL,
  checklistDefinition,
  checklistTypeSchema,
  studyStatusSchema,
} from '@corates/shared';
import {
  NO_DESIGN,
  STUDY_SORTS,
  STUDY_SORT_LABEL,
  type StudyFilters,
  UNASSIGNED,
  parseStudyFilters,
  studyFiltersQuery,
} from './study-filters.ts';
import { STUDY_STATUS_LABEL } from './study-row.ts';

/** The studies list's search box, filters and sort; every change goes to the URL query. */
export function StudyListControls(props: {
  filters: StudyFilters;
  onChange: (filters: StudyFilters) => void;
  /** Members who can be reviewers (for the reviewer filter). */
  reviewers: Member[];
  meId: string;
}) {
  const id = createUniqueId();
  const set = (key: keyof StudyFilters, value: string) =>
    props.onChange(
      parseStudyFilters({ ...studyFiltersQuery(props.filters), [key]: value || undefined }),
    );
  const select = (
    key: Exclude<keyof StudyFilters, 'q'>,
    label: string,
    options: { value: string; label: string }[],
    any: string | null,
  ) => (
    <div class="field">
      <label for={`${id}-${key}`}>{label}</label>
      <select
        id={`${id}-${key}`}
        class="select-compact"
        data-testid={`filter-${key}`}
        onChange={(e) => set(key, e.currentTarget.value)}
      >
        {any !== null && (
          <option value="" selected={props.filters[key] === null}>
            {any}
          </option>
        )}
        <For each={options}>
          {(o) => (
            <option value={o.value} selected={(props.filters[key] ?? '') === o.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );

  return (
    <search class="study-controls" aria-label="Find studies">
      <div class="field study-search">
        <label for={`${id}-q`}>Search studies</label>
        <input
          id={`${id}-q`}
          type="search"
          data-testid="study-search"
          placeholder="Title, authors, DOI or journal"
          value={props.filters.q}
          onInput={(e) => set('q', e.currentTarget.value)}
        />
      </div>
      {select(
        'status',
        'Status',
        studyStatusSchema.options.map((s) => ({ value: s, label: STUDY_STATUS_LABEL[s] })),
        'Any status',
      )}
      {select(
        'reviewer',
        'Reviewer',
        [
          ...props.reviewers.map((m) => ({
            value: m.userId,
            label: m.userId === props.meId ? `${m.name} (you)` : m.name,
          })),
          { value: UNASSIGNED, label: 'A slot unassigned' },
        ],
        'Anyone',
      )}
      {select(
        'design',
        'Design',
        [
          ...STUDY_DESIGNS.map((d) => ({ value: d, label: STUDY_DESIGN_LABEL[d] })),
          { value: NO_DESIGN, label: 'Not set' },
        ],
        'Any design',
      )}
      {select(
        'tool',
        'Tool',
        checklistTypeSchema.options.map((t) => ({ value: t, label: checklistDefinition(t).title })),
        'Any tool',
      )}
      {select(
        'sort',
        'Sort by',
        STUDY_SORTS.map((s) => ({ value: s, label: STUDY_SORT_LABEL[s] })),
        null,
      )}
    </search>
  );
}
