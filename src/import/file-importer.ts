import type { ImportContext, ImportReport } from "./report.ts";

// What a file format's importer is, apart from the table of formats so the sources that
// implement one need not import that table.

export interface FileImportOptions {
  /** --service: the catalogue service a scanner report belongs to. */
  service?: string;
}

export type FileImporter = (
  paths: string[],
  ctx: ImportContext,
  options: FileImportOptions,
) => Promise<ImportReport>;
