import type { ChecklistItem, ChecklistItemGroup, ChecklistSection } from '@corates/shared';

/** A run of a section's items: one plain item, or the parts of a split question under its title. */
export interface ItemBlock {
  group: ChecklistItemGroup | null;
  items: ChecklistItem[];
}

/** Splits a section into blocks, so the renderer shows "9. Risk-of-bias assessment" once over 9a/9b. */
export function itemBlocks(section: ChecklistSection): ItemBlock[] {
  const blocks: ItemBlock[] = [];
  for (const item of section.items) {
    const last = blocks.at(-1);
    if (item.group && last?.group?.id === item.group.id) last.items.push(item);
    else blocks.push({ group: item.group ?? null, items: [item] });
  }
  return blocks;
}
