import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { errorMessage } from "../../domain/error-message.ts";
import { fieldPath } from "../../import/field-path.ts";
import type { FileImporter } from "../../import/file-importer.ts";
import { ingestRules } from "../../import/ingest-rules.ts";
import {
  addUpsertCounts,
  emptyReport,
  type ImportContext,
  type ImportReport,
} from "../../import/report.ts";
import type { Scan, ScanWrite } from "../../store/scan-history.ts";
import { lineOfPath, syntaxErrorLine } from "./json-lines.ts";
import { findingsOfSeries } from "./remediation.ts";
import type { ReportParser, ReportScan } from "./report.ts";

// `import --format trivy|sarif --service NAME FILE…`: each report is one scan of its
// artifact. The scan is stored with the service's earlier scans of that artifact, and the
// artifact's findings are derived again from all of them, in the same transaction. A
// report that cannot be read whole is rejected whole: a finding left out would read as fixed.

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

type Outcome =
  | { scans: ReportScan[]; mtime: number }
  | { line: number; field?: string; code: "invalid_json" | "invalid_field"; message: string };

async function readReport(path: string, parse: ReportParser, text: string): Promise<Outcome> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return {
      line: syntaxErrorLine(text) ?? 1,
      code: "invalid_json",
      message: errorMessage(error),
    };
  }
  const parsed = parse(document);
  if ("issue" in parsed) {
    const field = fieldPath(parsed.issue.path);
    return {
      line: lineOfPath(text, parsed.issue.path),
      ...(field && { field }),
      code: "invalid_field",
      message: `${field || "(report)"}: ${parsed.issue.message}`,
    };
  }
  return { scans: parsed.scans, mtime: Math.floor((await stat(path)).mtimeMs) };
}

interface Planned {
  write: ScanWrite;
  scanner: string;
  history: Scan[];
  stored: boolean;
}

/** The scan as stored, with its series' history; a clash of instants is a rejection. */
async function plan(
  scan: ReportScan,
  file: { path: string; digest: string; mtime: number },
  service: string,
  ctx: ImportContext,
): Promise<Planned | string> {
  const write: ScanWrite = {
    service,
    series: scan.series,
    id: file.digest,
    scannedAt: scan.scannedAt ?? file.mtime,
    source: file.path,
    findings: scan.findings,
    findingSet: sha256(JSON.stringify(scan.findings)),
  };
  const history = await ctx.store.scans(service, scan.series);
  const stored = history.some((s) => s.id === write.id);
  const clash = history.find((s) => s.id !== write.id && s.scannedAt === write.scannedAt);
  if (!stored && clash)
    return `scan time ${new Date(write.scannedAt).toISOString()} is already the time of another scan of ${scan.series} (${clash.source}); two reports cannot describe one instant`;
  return { write, scanner: scan.scanner, history, stored };
}

async function apply(p: Planned, ctx: ImportContext, report: ImportReport): Promise<void> {
  const { service, series } = p.write;
  const scans = p.stored ? p.history : [...p.history, p.write];
  const vulnerabilities = findingsOfSeries({ service, series, scanner: p.scanner }, scans);
  report.accepted.vulnerability += vulnerabilities.length;
  const counts = await ctx.store.upsert({ vulnerabilities }, p.stored ? {} : { scans: [p.write] });
  addUpsertCounts(report, counts);
}

export function scannerImporter(parse: ReportParser): FileImporter {
  return async (paths, ctx, options) => {
    const service = options.service;
    if (service === undefined) throw new Error("--service NAME is required for scanner reports");
    if (!ingestRules(ctx.config).acceptsService(service))
      throw new Error(
        `--service ${service}: not in the catalogue (catalogue.accept_unknown_services is false)`,
      );
    const report = emptyReport();
    for (const path of paths) {
      const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
      const outcome = await readReport(path, parse, text);
      if ("line" in outcome) {
        report.rejected.push({ source: path, kind: "vulnerability", ...outcome });
        continue;
      }
      const file = { path, digest: sha256(text), mtime: outcome.mtime };
      const planned = [];
      for (const scan of outcome.scans) planned.push(await plan(scan, file, service, ctx));
      const clash = planned.find((p) => typeof p === "string");
      if (clash !== undefined) {
        report.rejected.push({
          source: path,
          line: 1,
          kind: "vulnerability",
          code: "invalid_field",
          message: clash,
        });
        continue;
      }
      for (const p of planned as Planned[]) await apply(p, ctx, report);
    }
    return report;
  };
}
