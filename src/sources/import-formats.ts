import type { FileImporter } from "../import/file-importer.ts";
import { importExperimentFiles } from "./experiments/import-csv.ts";
import { importFocusFiles } from "./focus/import-format.ts";
import { importFiles } from "./import-events.ts";
import { scannerImporter } from "./scanners/import-scan.ts";
import { parseSarif } from "./scanners/sarif.ts";
import { parseTrivy } from "./scanners/trivy.ts";

// `kpi-exporter import --format NAME FILE…`: one row per file format. Each importer reads
// its files itself (streaming where they can be large) and reports rejections with the
// file and line or field, like the NDJSON importer.

export interface ImportFormat {
  describe: string;
  /** Whether --service is required (scanner reports name no service themselves). */
  needsService?: boolean;
  run: FileImporter;
}

export const IMPORT_FORMATS: Record<string, ImportFormat> = {
  ndjson: { describe: "contract format v1, one JSON record per line", run: importFiles },
  focus: {
    describe: "FOCUS 1.0–1.3 cost and usage export (CSV, .csv.gz, Parquet)",
    run: importFocusFiles,
  },
  trivy: { describe: "Trivy JSON report", needsService: true, run: scannerImporter(parseTrivy) },
  sarif: { describe: "SARIF 2.1.0 log", needsService: true, run: scannerImporter(parseSarif) },
  experiments: { describe: "experiment results as CSV (README)", run: importExperimentFiles },
};

export function importFormat(name: string): ImportFormat {
  const format = IMPORT_FORMATS[name];
  if (format === undefined)
    throw new Error(
      `--format: unknown format ${name}; known: ${Object.keys(IMPORT_FORMATS).join(", ")}`,
    );
  return format;
}
