import { writeFile } from "node:fs/promises";
import { DAY_MS } from "../../config/duration.ts";
import { checkLedger, type LedgerCheck, plural } from "../../evidence/ledger-check.ts";
import { gapsInPeriod } from "../../evidence/ledger-gaps.ts";
import { buildPackage } from "../../evidence/package.ts";
import { packageCsv } from "../../evidence/package-csv.ts";
import { wholeChain } from "../../retention/whole-chain.ts";
import { isBareDate, parseInstantOption } from "../as-of.ts";
import { adoptPolicies, type CommonOptions, loadContext, openContextStore } from "../context.ts";
import { writeStdout } from "../stdout.ts";

// `kpi-exporter evidence export --from DATE --to DATE [--format json|csv] [--out FILE]`:
// the auditor's package of the production deployments that finished in the period, with
// the ledger as proof (docs/decisions/evidence.md). A ledger that fails verification is
// not exported: a package must verify wherever it is taken. Nor is a period with a
// production deployment the ledger does not hold as the store says it is at the clock
// (KPI_AS_OF or now): the package would verify while leaving it out.

export interface EvidenceExportOptions extends CommonOptions {
  from: string;
  to: string;
  format: "json" | "csv";
  out?: string;
}

function period(options: EvidenceExportOptions): { from: string; to: string } {
  const from = parseInstantOption("--from", options.from);
  // A bare date as the end means the whole of that day.
  const to = parseInstantOption("--to", options.to) + (isBareDate(options.to) ? DAY_MS : 0);
  if (from >= to)
    throw new Error(`--from ${options.from} must be before the end of --to ${options.to}`);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** Why the ledger cannot be exported for this period, on stderr; undefined when it can. */
function refusal(check: LedgerCheck, range: { from: string; to: string }): string | undefined {
  const gaps = gapsInPeriod(check.gaps, Date.parse(range.from), Date.parse(range.to));
  if (check.issues.length)
    return `${check.issues
      .map((i) => `record ${i.seq} (deployment ${i.deploymentId ?? "unknown"}): ${i.message}\n`)
      .join("")}evidence export refused: the ledger is not intact (see evidence verify)\n`;
  if (gaps.length)
    return `${gaps.map((gap) => `${gap.message}\n`).join("")}evidence export refused: ${plural(gaps.length, "production deployment")} finished in the period without their current ledger record; the next append (a snapshot refresh of serve, import or sync) records them\n`;
  return undefined;
}

export async function evidenceExportCommand(options: EvidenceExportOptions): Promise<number> {
  const range = period(options);
  const ctx = await loadContext(options);
  const store = await openContextStore(options);
  try {
    await adoptPolicies(ctx, store, false);
    const check = await checkLedger(store, ctx.engine, ctx.clock());
    const refused = refusal(check, range);
    if (refused) {
      process.stderr.write(refused);
      return 1;
    }
    const { head, base } = check;
    const rows = await wholeChain(check.rows, base, ctx.config.retention?.archive);
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
