import { canonicalJson } from "../domain/canonical-json.ts";
import type { ChainHead } from "../domain/evidence-chain.ts";
import {
  type ChainEntry,
  type EvidencePackage,
  inPeriod,
  latestRecords,
  PACKAGE_FORMAT,
  type PackagedDeployment,
  type PackagedPolicy,
  packagedDeployment,
  periodPolicies,
} from "./package.ts";
import { chainRecord, headProblem } from "./package-shape.ts";

// Offline check of an evidence package, with nothing but the package: the chain must be
// canonical JSON records 1…head, each linking to the hash of the one before and the last
// hashing to the head; the table must list exactly the period's deployments, each row
// equal to its deployment's latest record. What it cannot know is whether the head is
// the exporter's: compare the printed head with one kept elsewhere.

export interface PackageIssue {
  /** "chain record 7", "deployment acme/x/1", "head", "package". */
  where: string;
  message: string;
}

/** A table row as read from a package, able to say whether it shows what a record says. */
export interface TableRow {
  deploymentId: string;
  seq: number;
  /** JSON rows compare as values, CSV rows as the cells the record would give. */
  shows(fromRecord: PackagedDeployment): boolean;
}

/** What verification needs of a package, in whichever format it was read. */
export type CheckablePackage = Omit<EvidencePackage, "deployments" | "policies"> & {
  rows: TableRow[];
  /** As listed by a JSON package; a CSV package holds its policies in the chain only. */
  policies?: PackagedPolicy[];
};

/** A JSON package's table, each row compared by value with its record. */
export function checkableJson(pkg: EvidencePackage): CheckablePackage {
  const { deployments, ...rest } = pkg;
  return {
    ...rest,
    rows: (Array.isArray(deployments) ? deployments : []).map((row) => ({
      deploymentId: row.deploymentId,
      seq: row.seq,
      shows: (fromRecord) => canonicalJson(row) === canonicalJson(fromRecord),
    })),
  };
}

function checkChain(
  pkg: CheckablePackage,
  head: ChainHead | undefined,
  issues: PackageIssue[],
): ChainEntry[] {
  const chain: ChainEntry[] = [];
  let before: { seq: number; hash: string } | undefined;
  (pkg.chain as unknown[]).forEach((text, index) => {
    const where = `chain record ${index + 1}`;
    const entry = chainRecord(text);
    if (typeof entry === "string") {
      issues.push({ where, message: entry });
      return;
    }
    const { record, hash } = entry;
    if (record.seq !== index + 1)
      issues.push({ where, message: `holds seq ${record.seq}: records were inserted or deleted` });
    const link = record.previous;
    if (before === undefined ? link !== null : link?.hash !== before.hash)
      issues.push({
        where,
        message: `does not link to the hash of the record before it (links ${link ? `record ${link.seq}` : "nothing"}): that record was modified, or records were inserted or deleted`,
      });
    before = { seq: record.seq, hash };
    chain.push(entry);
  });
  if (head === undefined) return chain;
  if ((before?.seq ?? 0) !== head.seq || (before !== undefined && before.hash !== head.hash))
    issues.push({
      where: "head",
      message: `the chain ends at record ${before?.seq ?? 0} with hash ${before?.hash ?? "none"}, the head says record ${head.seq} with hash ${head.hash ?? "none"}`,
    });
  return chain;
}

function checkTable(pkg: CheckablePackage, chain: ChainEntry[], issues: PackageIssue[]): void {
  const latest = latestRecords(chain);
  const listed = new Set<string>();
  for (const row of pkg.rows) {
    const where = `deployment ${row.deploymentId}`;
    if (listed.has(row.deploymentId)) issues.push({ where, message: "is listed twice" });
    listed.add(row.deploymentId);
    const entry = latest.get(row.deploymentId);
    if (!entry) {
      issues.push({ where, message: "has no record in the chain" });
      continue;
    }
    if (row.seq !== entry.record.seq)
      issues.push({
        where,
        message: `row shows record ${row.seq}, its latest record is ${entry.record.seq}`,
      });
    else if (!row.shows(packagedDeployment(entry.record, entry.hash)))
      issues.push({ where, message: `row differs from record ${row.seq} (hash ${entry.hash})` });
    if (!inPeriod(entry.record.facts.finishedAt, pkg.from, pkg.to))
      issues.push({
        where,
        message: `finished ${entry.record.facts.finishedAt}, outside the period`,
      });
  }
  for (const [id, { record }] of latest)
    if (!listed.has(id) && inPeriod(record.facts.finishedAt, pkg.from, pkg.to))
      issues.push({
        where: `deployment ${id}`,
        message: `finished ${record.facts.finishedAt} in the period (record ${record.seq}) but is missing from the table`,
      });
}

/**
 * The policies a JSON package lists must be exactly its period's, each as its record says,
 * and every policy a deployment of the period cites must be a policy record of the chain.
 */
function checkPolicies(pkg: CheckablePackage, chain: ChainEntry[], issues: PackageIssue[]): void {
  const inPeriodRecords = [...latestRecords(chain).values()].filter(({ record }) =>
    inPeriod(record.facts.finishedAt, pkg.from, pkg.to),
  );
  const cited = new Set(inPeriodRecords.flatMap(({ record }) => record.policy ?? []));
  const expected = periodPolicies(chain, pkg.from, pkg.to, cited);
  const known = new Set(expected.map((p) => p.digest));
  for (const { record } of inPeriodRecords)
    if (record.policy !== undefined && !known.has(record.policy))
      issues.push({
        where: `deployment ${record.deploymentId}`,
        message: `cites policy ${record.policy}, which no policy record of the chain holds`,
      });
  if (pkg.policies === undefined) return;
  const listed = Array.isArray(pkg.policies) ? pkg.policies : [];
  if (canonicalJson(listed as never) !== canonicalJson(expected as never))
    issues.push({
      where: "policies",
      message: `lists ${listed.length} policy versions (${listed.map((p) => p?.seq).join(", ") || "none"}), the chain gives ${expected.length} for the period (records ${expected.map((p) => p.seq).join(", ") || "none"}) as their records say`,
    });
}

/** Every problem of the package; none when it is intact. */
export function verifyPackage(pkg: CheckablePackage): PackageIssue[] {
  const issues: PackageIssue[] = [];
  if (!Array.isArray(pkg.chain))
    return [{ where: "package", message: "has no chain: this is not an evidence package" }];
  if (pkg.format !== PACKAGE_FORMAT)
    return [{ where: "package", message: `format is ${pkg.format}, expected ${PACKAGE_FORMAT}` }];
  if (Number.isNaN(Date.parse(pkg.from)) || Number.isNaN(Date.parse(pkg.to)))
    issues.push({ where: "package", message: "from and to must be ISO-8601 instants" });
  const problem = headProblem(pkg.head);
  // A head that says nothing usable is named; the chain and the table are still checked.
  if (problem) issues.push({ where: "head", message: problem });
  const chain = checkChain(pkg, problem ? undefined : pkg.head, issues);
  checkTable(pkg, chain, issues);
  checkPolicies(pkg, chain, issues);
  return issues;
}
