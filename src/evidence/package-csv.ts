import { verdictOf } from "../domain/evidence-record.ts";
import { csvLine, parseCsv } from "../import/csv.ts";
import type { EvidencePackage, PackagedDeployment } from "./package.ts";
import { fromSpreadsheetSafe, spreadsheetSafe } from "./spreadsheet-safe.ts";
import type { CheckablePackage, TableRow } from "./verify-package.ts";

// The evidence package as one CSV file a spreadsheet opens: a `package` row (period, head),
// one `deployment` row per deployment (filter on row_type to read the table), and one
// `chain` row per ledger record holding its canonical JSON, which is the proof. Verifying
// a CSV package compares each deployment row's cells with the cells its record gives.

const COLUMNS = [
  "row_type",
  "seq",
  "deployment_id",
  "service",
  "environment",
  "commit_sha",
  "started_at",
  "finished_at",
  "triggered_by",
  "url",
  "rollback_of",
  "containment",
  "approvals",
  "changes",
  "checks",
  "compliant",
  "controls",
  "supersedes",
  "recorded_at",
  "hash",
  "record",
  "from",
  "to",
  "exported_at",
  "format",
] as const;
type Column = (typeof COLUMNS)[number];
type Cells = Partial<Record<Column, string>>;

const line = (cells: Cells) =>
  csvLine(COLUMNS.map((column) => spreadsheetSafe(cells[column] ?? "")));
const list = (items: string[]) => items.join("; ");
/** pass and FAIL as packages always wrote them, so packages exported earlier still verify. */
const CELL = { pass: "pass", fail: "FAIL", not_evaluable: "NOT_EVALUABLE" } as const;

/** The deployment's cells; everything a row shows is derived from its record here. */
export function deploymentCells(d: PackagedDeployment): Cells {
  return {
    row_type: "deployment",
    seq: String(d.seq),
    deployment_id: d.deploymentId,
    service: d.service,
    environment: d.environment,
    commit_sha: d.commitSha,
    started_at: d.startedAt,
    finished_at: d.finishedAt,
    triggered_by: d.triggeredBy,
    url: d.url,
    rollback_of: d.rollbackOf,
    containment: d.containment,
    approvals: list(d.approvals.map((a) => `${a.by} at ${a.at}`)),
    changes: list(
      d.changes.map((c) => {
        const parts = [`merged ${c.mergedAt}`];
        if (c.author !== undefined) parts.push(`by ${c.author}`);
        if (c.approvals.length)
          parts.push(`approved by ${c.approvals.map((a) => `${a.by} at ${a.at}`).join(", ")}`);
        if (c.linkedItems.length) parts.push(`links ${c.linkedItems.join(", ")}`);
        return `${c.id} (${parts.join(", ")})`;
      }),
    ),
    checks: list(d.checks.map((c) => `${c.name} ${c.conclusion} at ${c.completedAt}`)),
    compliant: String(d.compliant),
    controls: list(d.controls.map((c) => `${c.control} ${CELL[verdictOf(c)]}: ${c.reason}`)),
    supersedes: d.supersedes === null ? "" : String(d.supersedes),
    recorded_at: d.recordedAt,
    hash: d.hash,
  };
}

export function packageCsv(pkg: EvidencePackage): string {
  const head: Cells = {
    row_type: "package",
    seq: String(pkg.head.seq),
    deployment_id: pkg.head.deploymentId,
    hash: pkg.head.hash,
    from: pkg.from,
    to: pkg.to,
    exported_at: pkg.exportedAt,
    format: pkg.format,
  };
  const rows = [
    csvLine(COLUMNS),
    line(head),
    ...pkg.deployments.map((d) => line(deploymentCells(d))),
  ];
  for (const [i, text] of pkg.chain.entries())
    rows.push(line({ row_type: "chain", seq: String(i + 1), record: text }));
  return rows.join("");
}

/** Reads a CSV package back; throws naming the line when it is not one. */
export function parsePackageCsv(text: string): CheckablePackage {
  const [header, ...records] = parseCsv(text);
  const names = header?.fields ?? [];
  if (COLUMNS.some((column, i) => names[i] !== column))
    throw new Error(`line 1: expected the columns ${COLUMNS.join(",")}`);
  let pkg: CheckablePackage | undefined;
  const rows: TableRow[] = [];
  const chain: string[] = [];
  for (const { line: at, fields } of records) {
    // Packages before formula guarding wrote cells raw: both readings are kept to compare.
    const raw: Cells = Object.fromEntries(COLUMNS.map((column, i) => [column, fields[i] ?? ""]));
    const cells: Cells = Object.fromEntries(
      COLUMNS.map((column) => [column, fromSpreadsheetSafe(raw[column] ?? "")]),
    );
    if (cells.row_type === "package") {
      pkg = {
        format: cells.format as EvidencePackage["format"],
        exportedAt: cells.exported_at ?? "",
        from: cells.from ?? "",
        to: cells.to ?? "",
        head: cells.hash
          ? { seq: Number(cells.seq), deploymentId: cells.deployment_id ?? "", hash: cells.hash }
          : { seq: Number(cells.seq) },
        rows,
        chain,
      };
    } else if (cells.row_type === "deployment") {
      rows.push({
        deploymentId: cells.deployment_id ?? "",
        seq: Number(cells.seq),
        shows: (fromRecord) => {
          const expected = deploymentCells(fromRecord);
          return COLUMNS.every((column) => {
            const shown = expected[column] ?? "";
            return cells[column] === shown || raw[column] === shown;
          });
        },
      });
    } else if (cells.row_type === "chain") chain.push(cells.record ?? "");
    else throw new Error(`line ${at}: row_type must be package, deployment or chain`);
  }
  if (!pkg) throw new Error("no package row: this is not an evidence package");
  return pkg;
}
