/**
 * Importing studies from reference files: pure parsers, validation and duplicate detection. The
 * app reads a file with `detectFormat` and `parseImport` (CSV through `readCsvTable` and a
 * mapping), shows `previewImport`, and writes `studiesToImport` with the document model's
 * `importStudies`.
 */
export {
  IMPORT_FORMATS,
  type ImportFormat,
  MAX_IMPORT_CHARS,
  MAX_IMPORT_RECORDS,
  ImportErrorCode,
  ImportError,
  type ImportEntry,
  normaliseDoi,
} from './records.ts';
export {
  CSV_FIELDS,
  type CsvField,
  type CsvMapping,
  type CsvTable,
  type CsvDelimiter,
  guessCsvMapping,
  readCsvTable,
} from './csv-import.ts';
export * from './duplicates.ts';
export * from './import-file.ts';
