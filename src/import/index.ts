// The ingest kernel's public surface (validation, rules, rejections): the sources build
// on it, and the entry points for files and request bodies (sources/import-events.ts) and
// the file formats (sources/import-formats.ts) live with them, one layer up.

export { attributeCost } from "./attribute.ts";
export { IMPORT_BATCH_SIZE, importLines } from "./import-lines.ts";
export type { ImportContext, ImportReport, Rejection } from "./report.ts";
