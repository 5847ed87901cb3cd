import { readFile } from "node:fs/promises";
import { openArchive } from "../../archive/open-archive.ts";
import { errorMessage } from "../../domain/error-message.ts";
import { publicKeyFrom } from "../../evidence/checkpoint.ts";
import { checkLedger, notIntactSummary, plural } from "../../evidence/ledger-check.ts";
import type { EvidencePackage } from "../../evidence/package.ts";
import { parsePackageCsv } from "../../evidence/package-csv.ts";
import {
  type CheckablePackage,
  checkableJson,
  verifyPackage,
} from "../../evidence/verify-package.ts";
import { anchorProblems, readWitness } from "../../evidence/witness.ts";
import { checkAgainstArchive } from "../../retention/archive-check.ts";
import { retentionProblems } from "../../retention/horizon-check.ts";
import {
  adoptPolicies,
  type CommonOptions,
  describeStore,
  loadContext,
  openContextStore,
} from "../context.ts";
import { writeStdout } from "../stdout.ts";
import { verifyArchiveCommand } from "./evidence-archive.ts";

// `kpi-exporter evidence verify [--json]`: walks the evidence ledger's hash chain and names
// every record that was modified, inserted or deleted since it was appended, and every
// production deployment at asOf the ledger does not hold as the store says it is now
// (missing, or stale until its correction is appended). Exit 0 when the ledger is intact
// (an empty one over an empty store is), 1 when it is not.

export interface EvidenceOptions extends CommonOptions {
  json?: boolean;
  /** An exported package to check offline instead of the store's ledger. */
  package?: string;
  /** An archive of sealed segments to check offline instead of the store's ledger. */
  archive?: string;
  /** A witness directory of signed checkpoints (decision 155), with their public key. */
  witness?: string;
  publicKey?: string;
}

/** What the witness says of the ledger: every problem, and how many checkpoints held. */
async function anchorCheck(
  options: EvidenceOptions,
  rows: Parameters<typeof anchorProblems>[0],
  head: Parameters<typeof anchorProblems>[1],
  pruned: Parameters<typeof anchorProblems>[3],
): Promise<{ checkpoints: number; problems: string[] } | undefined> {
  if (options.witness === undefined) return undefined;
  if (options.publicKey === undefined)
    throw new Error("--witness needs --public-key: the key the checkpoints were signed with");
  const key = publicKeyFrom(await readFile(options.publicKey, "utf8"), options.publicKey);
  const reading = await readWitness(options.witness, key);
  const problems = [
    ...reading.untrusted.map((u) => `witness file ${u.file}: ${u.why}`),
    ...anchorProblems(rows, head, reading.checkpoints, pruned),
  ];
  if (reading.checkpoints.length === 0)
    problems.push(`the witness ${options.witness} holds no checkpoint signed by this key`);
  return { checkpoints: reading.checkpoints.length, problems };
}

async function readPackage(file: string): Promise<CheckablePackage> {
  const text = await readFile(file, "utf8");
  if (!text.trimStart().startsWith("{")) return parsePackageCsv(text);
  try {
    return checkableJson(JSON.parse(text) as EvidencePackage);
  } catch (error) {
    throw new Error(`${file}: not JSON: ${errorMessage(error)}`);
  }
}

/** `evidence verify --package FILE`: the package alone, no store (docs/decisions/evidence.md). */
async function verifyPackageFile(options: EvidenceOptions & { package: string }): Promise<number> {
  const pkg = await readPackage(options.package);
  const issues = verifyPackage(pkg);
  const head = pkg.head;
  if (options.json) {
    const result = { intact: issues.length === 0, deployments: pkg.rows.length, head, issues };
    await writeStdout(`${JSON.stringify(result, null, 2)}\n`);
    return issues.length ? 1 : 0;
  }
  for (const issue of issues) await writeStdout(`${issue.where}: ${issue.message}\n`);
  if (issues.length) {
    await writeStdout(
      `evidence package NOT intact: ${issues.length} problem${issues.length === 1 ? "" : "s"} (${options.package})\n`,
    );
    return 1;
  }
  await writeStdout(
    `evidence package intact: ${pkg.rows.length} deployments finished ${pkg.from} to ${pkg.to}, ${pkg.chain.length} ledger records up to head record ${head.seq}${head.hash ? ` sha256 ${head.hash}` : ""}; compare that head with one kept apart from the exporter\n`,
  );
  return 0;
}

export async function evidenceVerifyCommand(options: EvidenceOptions): Promise<number> {
  if (options.package !== undefined)
    return verifyPackageFile({ ...options, package: options.package });
  if (options.archive !== undefined)
    return verifyArchiveCommand({ ...options, archive: options.archive });
  const ctx = await loadContext(options);
  const store = await openContextStore(options);
  try {
    await adoptPolicies(ctx, store, false);
    const check = await checkLedger(store, ctx.engine, ctx.clock());
    const { rows, head, issues, gaps, base } = check;
    const location = ctx.config.retention?.archive;
    const archived =
      location === undefined
        ? undefined
        : await checkAgainstArchive(
            openArchive(location),
            await store.ledgerArchive.segments(),
            base,
            rows,
          );
    const anchors = await anchorCheck(options, rows, head, {
      base,
      archived: archived?.reading.hashes,
    });
    const archiveProblems = [
      ...retentionProblems(ctx.config, base, Date.now()),
      ...(archived?.problems ?? []),
    ];
    const anchorProblemCount = (anchors?.problems.length ?? 0) + archiveProblems.length;
    const intact = issues.length === 0 && gaps.length === 0 && anchorProblemCount === 0;
    if (options.json) {
      const asOf = new Date(check.asOf).toISOString();
      const result = { intact, records: rows.length, head, asOf, deployments: check.deployments };
      const archive = archived && { location, base, problems: archiveProblems };
      await writeStdout(
        `${JSON.stringify({ ...result, issues, gaps, anchors, archive }, null, 2)}\n`,
      );
      return intact ? 0 : 1;
    }
    const where = describeStore(store, options);
    for (const issue of issues)
      await writeStdout(
        `record ${issue.seq} (deployment ${issue.deploymentId ?? "unknown"}): ${issue.message}\n`,
      );
    for (const gap of gaps) await writeStdout(`${gap.message}\n`);
    for (const problem of anchors?.problems ?? []) await writeStdout(`anchor: ${problem}\n`);
    for (const problem of archiveProblems) await writeStdout(`retention: ${problem}\n`);
    if (!intact) {
      const anchored = anchorProblemCount
        ? `; ${plural(anchorProblemCount, archiveProblems.length ? "anchor or archive problem" : "anchor problem")}`
        : "";
      const summary =
        issues.length || gaps.length
          ? `${notIntactSummary(check)}${anchored}`
          : archiveProblems.length
            ? "evidence ledger NOT intact: the store's retention does not agree with its archive or its config"
            : "evidence ledger NOT intact: it does not hold what the witness's checkpoints signed";
      await writeStdout(`${summary} (${where})\n`);
      return 1;
    }
    const covering = `covering ${plural(check.deployments, "production deployment")} at ${new Date(check.asOf).toISOString()}`;
    await writeStdout(
      head.seq === 0
        ? `evidence ledger is empty (${where}), ${covering}\n`
        : `evidence ledger intact: ${rows.length} records, head record ${head.seq} (deployment ${head.deploymentId}) sha256 ${head.hash} (${where}), ${covering}${anchors ? `, holding all ${plural(anchors.checkpoints, "signed checkpoint")}` : ""}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
