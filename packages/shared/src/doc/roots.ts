import type * as Y from 'yjs';
import { DocRoot } from './layout.ts';

/** The project document's root maps (layout.ts); every read and write in this module goes through them. */
export type YStudy = Y.Map<unknown>;
export type YChecklist = Y.Map<unknown>;

export const studiesOf = (doc: Y.Doc) => doc.getMap<YStudy>(DocRoot.studies);
export const checklistsOf = (doc: Y.Doc) => doc.getMap<YChecklist>(DocRoot.checklists);
export const outcomesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(DocRoot.outcomes);
