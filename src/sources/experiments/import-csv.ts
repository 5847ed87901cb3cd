import { readFile } from "node:fs/promises";
import type { ExperimentResult } from "../../domain/records.ts";
import { CsvSyntaxError, parseCsv } from "../../import/csv.ts";
import type { FileImporter } from "../../import/file-importer.ts";
import { ingestRules } from "../../import/ingest-rules.ts";
import {
  addUpsertCounts,
  emptyReport,
  type ImportReport,
  type Rejection,
} from "../../import/report.ts";
import { type ChangeIndex, repositoryIndex } from "./change-refs.ts";
import { pairRows } from "./csv-results.ts";
import { readHeader, readRow, type VariationRow } from "./csv-rows.ts";
import { toExperimentRecord } from "./result-record.ts";

// `import --format experiments FILE…`: experiment results as CSV, one row per experiment
// and variation, stored as the same records the GrowthBook source writes. Valid results are
// stored even when other rows are refused; each refusal names its file, line and column.

const reject = (
  source: string,
  line: number,
  field: string | undefined,
  code: Rejection["code"],
  message: string,
): Rejection => ({
  source,
  line,
  kind: "experiment",
  ...(field !== undefined && { field }),
  code,
  message,
});

function readRows(path: string, text: string, report: ImportReport): VariationRow[] {
  let csv: ReturnType<typeof parseCsv>;
  try {
    csv = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    report.rejected.push(
      reject(path, error.line, undefined, "invalid_field", `CSV: ${error.message}`),
    );
    return [];
  }
  const [header, ...body] = csv;
  if (!header) return [];
  const columns = readHeader(header);
  if (!(columns instanceof Map)) {
    report.rejected.push(
      reject(path, columns.line, columns.field, "invalid_field", columns.message),
    );
    return [];
  }
  const rows: VariationRow[] = [];
  for (const row of body) {
    const read = readRow(row, columns);
    if ("message" in read)
      report.rejected.push(reject(path, read.line, read.field, "invalid_field", read.message));
    else rows.push(read);
  }
  return rows;
}

export const importExperimentFiles: FileImporter = async (paths, ctx) => {
  const rules = ingestRules(ctx.config);
  const report = emptyReport();
  let index: ChangeIndex | undefined;
  for (const path of paths) {
    const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
    const rows = readRows(path, text, report);
    if (rows.length === 0) continue;
    index ??= {
      changes: (await ctx.store.load()).changes,
      repositories: repositoryIndex(ctx.config.teams),
    };
    const records: ExperimentResult[] = [];
    for (const paired of pairRows(rows, index)) {
      if ("message" in paired) {
        const code = paired.srm ? "sample_ratio_mismatch" : "invalid_field";
        report.rejected.push(reject(path, paired.line, paired.field, code, paired.message));
        continue;
      }
      const converted = toExperimentRecord(paired.result, rules);
      if ("rejection" in converted) {
        const { field, code, message } = converted.rejection;
        report.rejected.push(reject(path, paired.line, field, code, message));
      } else records.push(converted.record);
    }
    report.accepted.experiment += records.length;
    if (records.length) addUpsertCounts(report, await ctx.store.upsert({ experiments: records }));
  }
  return report;
};
