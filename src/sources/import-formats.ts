import type { ImportFormat } from "./collector.ts";
import { importFiles } from "./import-events.ts";
import { SOURCES } from "./index.ts";

// `kpi-exporter import --format NAME FILE…`: the contract's NDJSON, then every format a
// source defines. Each importer reads its files itself (streaming where they can be large)
// and reports rejections with the file and line or field, like the NDJSON importer.

export const IMPORT_FORMATS: Record<string, ImportFormat> = {
  ndjson: { describe: "contract format v1, one JSON record per line", run: importFiles },
  ...Object.fromEntries(SOURCES.flatMap((source) => Object.entries(source.formats ?? {}))),
};
export function importFormat(name: string): ImportFormat {
  const format = IMPORT_FORMATS[name];
  if (format === undefined)
    throw new Error(
      `--format: unknown format ${name}; known: ${Object.keys(IMPORT_FORMATS).join(", ")}`,
    );
  return format;
}
