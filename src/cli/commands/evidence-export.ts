import { writeFile } from "node:fs/promises";
import { buildPackage } from "../../evidence/package.ts";
import { packageCsv } from "../../evidence/package-csv.ts";
import { verifyLedger } from "../../evidence/verify.ts";
import { isBareDate, parseInstantOption } from "../as-of.ts";
import { type CommonOptions, openContextStore } from "../context.ts";
import { writeStdout } from "../stdout.ts";

// `kpi-exporter evidence export --from DATE --to DATE [--format json|csv] [--out FILE]`:
// the auditor's package of the production deployments that finished in the period, with
// the ledger as proof (METRICS.md, evidence export). A ledger that fails verification is
// not exported: a package must verify wherever it is taken.

export interface EvidenceExportOptions extends CommonOptions {
  from: string;
  to: string;
  format: "json" | "csv";
  out?: string;
}

const DAY_MS = 86_400_000;

function period(options: EvidenceExportOptions): { from: string; to: string } {
  const from = parseInstantOption("--from", options.from);
  // A bare date as the end means the whole of that day.
  const to = parseInstantOption("--to", options.to) + (isBareDate(options.to) ? DAY_MS : 0);
  if (from >= to)
    throw new Error(`--from ${options.from} must be before the end of --to ${options.to}`);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export async function evidenceExportCommand(options: EvidenceExportOptions): Promise<number> {
  const range = period(options);
  const store = await openContextStore(options);
  try {
    const [rows, head] = await Promise.all([store.evidence.rows(), store.evidence.head()]);
    const issues = verifyLedger(rows, head);
    if (issues.length) {
      for (const issue of issues)
        process.stderr.write(
          `record ${issue.seq} (deployment ${issue.deploymentId ?? "unknown"}): ${issue.message}\n`,
        );
      process.stderr.write(
        "evidence export refused: the ledger is not intact (see evidence verify)\n",
      );
      return 1;
    }
    const pkg = buildPackage(rows, head, { ...range, exportedAt: new Date().toISOString() });
    const body = options.format === "csv" ? packageCsv(pkg) : `${JSON.stringify(pkg, null, 2)}\n`;
    if (options.out === undefined) await writeStdout(body);
    else await writeFile(options.out, body);
    process.stderr.write(
      `evidence package: ${pkg.deployments.length} deployments finished ${range.from} to ${range.to}, ${pkg.chain.length} ledger records, head record ${head.seq}${head.hash ? ` sha256 ${head.hash}` : ""}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
