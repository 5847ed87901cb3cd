// The import pipeline's public surface: the CLI `import` command and the
// POST /api/v1/events handler use these and nothing deeper.

export { attributeCost } from "./attribute.ts";
export { IMPORT_BATCH_SIZE, importLines } from "./import-lines.ts";
export { importBody, importFiles, importRequest } from "./import-sources.ts";
export type { ImportContext, ImportReport, Rejection } from "./report.ts";
