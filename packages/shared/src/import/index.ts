/** Importing studies from reference files: pure parsers, validation and duplicate detection. */
export * from './records.ts';
export * from './ris.ts';
export * from './bibtex.ts';
export * from './nbib.ts';
export * from './csv-import.ts';
export * from './duplicates.ts';
export * from './import-file.ts';
