import { checklistDefinition } from './registry.ts';
import type { ResultChecklist } from './results.ts';
import { DOMAIN_TOOLS } from './robvis-table.ts';
import { toolRelease, type ChecklistType } from './types.ts';

/** The reference of robvis, whose conventions the risk-of-bias figures follow. */
export const ROBVIS_REFERENCE =
  'McGuinness LA, Higgins JPT. Risk-of-bias VISualization (robvis): an R package and Shiny web app for visualizing risk-of-bias assessments. Res Synth Methods 2021;12:55–61.';

const ORDER: readonly ChecklistType[] = ['AMSTAR2', 'ROB2', 'ROBINS_I'];

/**
 * The citation lines of the tools some checklists used, for a methods section: one per tool, its
 * published reference and the releases or variants whose algorithms gave the judgements; then
 * robvis when a domain-based tool is among them (its figures follow robvis).
 */
export function toolCitations(
  checklists: readonly Pick<ResultChecklist, 'type' | 'answers'>[],
): string[] {
  const lines = ORDER.filter((type) => checklists.some((c) => c.type === type)).map((type) => {
    const definition = checklistDefinition(type);
    const releases = [
      ...new Set(
        checklists
          .filter((c) => c.type === type)
          .map((c) => toolRelease(definition, c.answers))
          .filter((r): r is string => r !== undefined),
      ),
    ].sort();
    const follows = releases.length > 0 ? ` Judgements follow ${releases.join(' and ')}.` : '';
    return `${definition.title}: ${definition.reference}${follows}`;
  });
  if (checklists.some((c) => (DOMAIN_TOOLS as readonly string[]).includes(c.type)))
    lines.push(`robvis: ${ROBVIS_REFERENCE}`);
  return lines;
}
