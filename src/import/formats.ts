import { importFiles } from "./import-sources.ts";
import type { ImportContext, ImportReport } from "./report.ts";

// `kpi-exporter import --format NAME FILE…`: one row per file format. Each importer reads
// its files itself (streaming where they can be large) and reports rejections with the
// file and line or field, like the NDJSON importer.

export interface FileImportOptions {
  /** --service: the catalogue service a scanner report belongs to. */
  service?: string;
}

export type FileImporter = (
  paths: string[],
  ctx: ImportContext,
  options: FileImportOptions,
) => Promise<ImportReport>;

export interface ImportFormat {
  describe: string;
  /** Whether --service is required (scanner reports name no service themselves). */
  needsService?: boolean;
  run: FileImporter;
}

export const IMPORT_FORMATS: Record<string, ImportFormat> = {
  ndjson: { describe: "contract format v1, one JSON record per line", run: importFiles },
};

export function importFormat(name: string): ImportFormat {
  const format = IMPORT_FORMATS[name];
  if (format === undefined)
    throw new Error(
      `--format: unknown format ${name}; known: ${Object.keys(IMPORT_FORMATS).join(", ")}`,
    );
  return format;
}
