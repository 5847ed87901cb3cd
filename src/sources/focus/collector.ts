import type { ConfigFile } from "../../config/schema.ts";
import { errorMessage } from "../../domain/error-message.ts";
import { ingestRules } from "../../import/ingest-rules.ts";
import type { RejectCode } from "../../vocabulary/reject-codes.ts";
import type { Collector, CollectorDeps, RunReport } from "../collector.ts";
import type { FocusSourceConfig } from "./config.ts";
import { CostWriter, coveredUnits, dayAndAccount } from "./cost-writer.ts";
import {
  changedSince,
  type ExportFile,
  isUnchanged,
  listExports,
  rulesFingerprint,
} from "./directory.ts";
import { readFocusFile } from "./focus-file.ts";
import { FOCUS_SOURCE, originOf } from "./import-format.ts";

// The FOCUS source: a folder the provider's export job writes into (or a mounted bucket).
// Each run reads the files that are new or changed, each in its own transaction with its
// fingerprint, so one bad file fails the run without touching the others' rows.

/** Rejections logged per file; the rest are counted in the run summary. */
const LOGGED_REJECTIONS = 20;

/**
 * kpi_exporter_rejected_records_total{kind="cost"}, through the collectors' optional
 * rejection hook where the runner provides one.
 */
function countRejected(deps: CollectorDeps, code: RejectCode, n: number): void {
  const hook = (deps as { rejected?: (kind: string, reason: RejectCode, n?: number) => void })
    .rejected;
  hook?.("cost", code, n);
}

interface FileOutcome {
  written: number;
  rejected: number;
}

export function focusCollector(config: ConfigFile, source: FocusSourceConfig): Collector {
  const rules = ingestRules(config);
  const fingerprint = rulesFingerprint(config);

  async function syncFile(
    file: ExportFile,
    writer: CostWriter,
    deps: CollectorDeps,
  ): Promise<FileOutcome | undefined> {
    const key = `file:${file.name}`;
    if (isUnchanged(writer.cursor(key), file, fingerprint)) return undefined;
    const result = await readFocusFile(file.path, file.name, rules);
    if (await changedSince(file)) {
      deps.logger.warn("FOCUS export changed while read; the next run reads it", {
        file: file.name,
      });
      return undefined;
    }
    const stored = { size: file.size, mtimeMs: file.mtimeMs, rules: fingerprint };
    const counts = await writer.write(
      originOf(file.name),
      result.costs,
      dayAndAccount,
      coveredUnits(result.costs, dayAndAccount),
      [{ source: FOCUS_SOURCE, key, value: stored }],
    );
    for (const r of result.rejected.slice(0, LOGGED_REJECTIONS))
      deps.logger.warn("FOCUS row rejected", {
        at: `${r.source}:${r.line}`,
        reason: r.message,
        code: r.code,
      });
    let rejected = 0;
    for (const [code, n] of result.rejectedCounts) {
      rejected += n;
      countRejected(deps, code, n);
    }
    return { written: counts.written, rejected };
  }

  return {
    name: FOCUS_SOURCE,
    intervalMs: source.interval,
    async run(deps: CollectorDeps): Promise<RunReport> {
      const files = await listExports(source.directory).catch((error: Error) => {
        throw new Error(`list FOCUS exports in ${source.directory}: ${error.message}`);
      });
      const writer = await CostWriter.open(deps.store, FOCUS_SOURCE);
      const failures: string[] = [];
      let written = 0;
      let read = 0;
      let rejected = 0;
      for (const [done, file] of files.entries()) {
        try {
          const outcome = await syncFile(file, writer, deps);
          if (outcome) {
            read++;
            written += outcome.written;
            rejected += outcome.rejected;
          }
        } catch (error) {
          const message = errorMessage(error);
          deps.logger.error("FOCUS export failed", { file: file.name, error: message });
          failures.push(message);
        }
        deps.progress?.update(done + 1, files.length, file.name);
      }
      deps.progress?.done();
      if (failures.length > 0)
        throw new Error(
          `${failures.length} of ${files.length} FOCUS exports failed: ${failures.join("; ")}`,
        );
      const rows = rejected ? `, ${rejected} rows rejected` : "";
      return { written, summary: `${read} of ${files.length} exports read${rows}` };
    },
  };
}
