import { basename } from "node:path";
import type { FileImporter } from "../../import/file-importer.ts";
import { ingestRules } from "../../import/ingest-rules.ts";
import { emptyReport } from "../../import/report.ts";
import { CostWriter, coveredUnits, dayAndAccount } from "./cost-writer.ts";
import { checkFocusHeader, readFocusFile } from "./focus-file.ts";

// `kpi-exporter import --format focus FILE…`: FOCUS cost and usage exports (CSV, .csv.gz
// or Parquet) summed per billing account, day, category and service into cost rows.

/** Both the import and the directory source write under this name, so they meet. */
export const FOCUS_SOURCE = "focus";

/**
 * A file's rows are identified by its name, not its folder: providers re-deliver a
 * month's export under the same name in a new run folder (Azure) or in place (AWS), and
 * the newer one must replace the older, not add to it.
 */
export const originOf = (path: string) => `focus:${basename(path)}`;

export const importFocusFiles: FileImporter = async (paths, ctx) => {
  // Every header first: a file that is not FOCUS stops the import before anything is stored.
  const problems: string[] = [];
  for (const path of paths)
    await checkFocusHeader(path, path).catch((error: Error) => problems.push(error.message));
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const rules = ingestRules(ctx.config);
  const writer = await CostWriter.open(ctx.store, FOCUS_SOURCE);
  const report = emptyReport();
  for (const path of paths) {
    const read = await readFocusFile(path, path, rules);
    const counts = await writer.write(
      originOf(path),
      read.costs,
      dayAndAccount,
      coveredUnits(read.costs, dayAndAccount),
    );
    report.accepted.cost += read.accepted;
    report.written += counts.written;
    report.unchanged += counts.unchanged;
    report.rejected.push(...read.rejected);
  }
  return report;
};
