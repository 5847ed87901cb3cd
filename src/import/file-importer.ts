import type { ImportContext, ImportReport } from "./report.ts";

// What a file format's importer is, apart from the table of formats so the sources that
// implement one need not import that table.

/** How far a long import is, as the command line shows it (cli/progress.ts). */
export interface ImportProgress {
  update(done: number, total: number, detail?: string): void;
  done(): void;
}

export interface FileImportOptions {
  /** --service: the catalogue service a scanner report belongs to. */
  service?: string;
  /** A progress display per file, named by the label given. */
  progress?: (label: string) => ImportProgress;
}

export type FileImporter = (
  paths: string[],
  ctx: ImportContext,
  options: FileImportOptions,
) => Promise<ImportReport>;
