import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvidencePackage } from "../../src/evidence/package.ts";
import { parseCsv } from "../../src/import/csv.ts";
import { runCli } from "../support/cli.ts";
import { AS_OF, EVENTS, SLASHED, writeFixture } from "./explain-fixture.ts";

// `evidence export` and `evidence verify --package` through the real command line, on the
// explain fixture (d1 on 06-01, SLASHED on 06-10, d3 on 06-11) plus a correction of d1:
// the package lists the period's deployments as their latest records say, and every kind
// of tampering with a package (row, table, chain, head) is named offline.

let dir: string;
let common: string[];
let json: EvidencePackage;
let csvText = "";

const PERIOD = ["--from", "2026-06-01", "--to", "2026-06-10"];

async function verify(pkg: EvidencePackage | string, name: string) {
  const file = join(dir, name);
  await writeFile(file, typeof pkg === "string" ? pkg : JSON.stringify(pkg));
  return runCli(["evidence", "verify", "--package", file]);
}

const copy = (): EvidencePackage => structuredClone(json);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-evidence-export-"));
  const { config, events } = await writeFixture(dir);
  common = ["--config", config, "--data-dir", join(dir, "store")];
  expect((await runCli(["import", ...common, "--as-of", AS_OF, events])).code).toBe(0);
  // d1 re-imported with another trigger: its facts change, so a correction is appended.
  const corrected = join(dir, "corrected.ndjson");
  await writeFile(corrected, `${(EVENTS[0] as string).replace('"alice"', '"carol"')}\n`);
  expect((await runCli(["import", ...common, "--as-of", AS_OF, corrected])).code).toBe(0);
  const out = join(dir, "package.json");
  const exported = await runCli(["evidence", "export", ...common, ...PERIOD, "--out", out], {
    env: { KPI_AS_OF: AS_OF },
  });
  expect(exported.code, exported.stderr).toBe(0);
  expect(exported.stderr).toContain("evidence package: 2 deployments finished");
  json = JSON.parse(await readFile(out, "utf8"));
  const csv = await runCli(["evidence", "export", ...common, ...PERIOD, "--format", "csv"], {
    env: { KPI_AS_OF: AS_OF },
  });
  expect(csv.code, csv.stderr).toBe(0);
  csvText = csv.stdout;
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("evidence export", () => {
  it("lists the period's deployments (a bare --to date is the whole day) as their latest records", () => {
    expect(json.from).toBe("2026-06-01T00:00:00.000Z");
    expect(json.to).toBe("2026-06-11T00:00:00.000Z");
    expect(json.deployments.map((d) => [d.deploymentId, d.seq, d.supersedes])).toEqual([
      ["d1", 5, 2],
      [SLASHED, 3, null],
    ]);
    const d1 = json.deployments[0];
    expect(d1?.triggeredBy).toBe("carol");
    expect(d1?.approvals).toEqual([{ by: "bob", at: "2026-06-01T09:00:00.000Z" }]);
    expect(d1?.checks.map((c) => `${c.name} ${c.conclusion}`)).toEqual(["sast success"]);
    expect(d1?.controls.map((c) => [c.control, c.pass])).toEqual([
      ["required_checks", true],
      ["deployment_approval", true],
    ]);
    // Record 1 is the compliance policy the first import saw (METRICS.md decision 131).
    expect(json.chain).toHaveLength(5);
    expect(json.head).toEqual({ seq: 5, deploymentId: "d1", hash: d1?.hash });
    expect(json.policies.map((p) => [p.seq, p.scope, p.effectiveFrom])).toEqual([
      [1, "organisation", null],
    ]);
    expect(d1?.policy).toBe(json.policies[0]?.digest);
  });

  it("writes the same package as CSV: a package row, the table, then the chain", () => {
    const rows = parseCsv(csvText).map((row) => row.fields);
    expect(rows[0]?.slice(0, 3)).toEqual(["row_type", "seq", "deployment_id"]);
    expect(rows.slice(1).map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual([
      "package 5 d1",
      "deployment 5 d1",
      `deployment 3 ${SLASHED}`,
      "chain 1 ",
      "chain 2 ",
      "chain 3 ",
      "chain 4 ",
      "chain 5 ",
    ]);
  });

  it("refuses a period that ends before it starts", async () => {
    const bad = await runCli([
      "evidence",
      "export",
      ...common,
      "--from",
      "2026-07-01",
      "--to",
      "2026-06-01",
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--from 2026-07-01 must be before the end of --to 2026-06-01");
  });
});

describe("evidence verify --package", () => {
  it("finds both exported forms intact and prints the head to compare", async () => {
    for (const [pkg, name] of [
      [json, "ok.json"],
      [csvText, "ok.csv"],
    ] as const) {
      const result = await verify(pkg, name);
      expect(result.code, result.stdout).toBe(0);
      expect(result.stdout).toContain(`evidence package intact: 2 deployments`);
      expect(result.stdout).toContain(`head record 5 sha256 ${json.head.hash}`);
    }
  });

  it("names a row that differs from its record, in JSON and in CSV", async () => {
    const pkg = copy();
    const row = pkg.deployments[1] as { compliant: boolean };
    row.compliant = !row.compliant;
    const edited = await verify(pkg, "row.json");
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain(`deployment ${SLASHED}: row differs from record 3`);
    const cell = await verify(
      csvText.replace(
        "deployment,5,d1,checkout,production,",
        "deployment,5,d1,billing,production,",
      ),
      "row.csv",
    );
    expect(cell.code).toBe(1);
    expect(cell.stdout).toContain("deployment d1: row differs from record 5");
  });

  it("names a deployment left out of the table, and a superseded record shown as current", async () => {
    const pkg = copy();
    pkg.deployments = pkg.deployments.filter((d) => d.deploymentId !== SLASHED);
    const missing = await verify(pkg, "missing.json");
    expect(missing.stdout).toContain(
      `deployment ${SLASHED}: finished 2026-06-10T10:00:00.000Z in the period (record 3) but is missing from the table`,
    );
    const stale = copy();
    (stale.deployments[0] as { seq: number }).seq = 1;
    expect((await verify(stale, "stale.json")).stdout).toContain(
      "deployment d1: row shows record 1, its latest record is 5",
    );
  });

  it("names a modified or deleted chain record and a replaced head", async () => {
    const modified = copy();
    modified.chain[1] = (modified.chain[1] as string).replace('"alice"', '"mallory"');
    const m = await verify(modified, "modified.json");
    expect(m.code).toBe(1);
    expect(m.stdout).toContain("chain record 3: does not link to the hash of the record before it");
    const deleted = copy();
    deleted.chain.splice(1, 1);
    expect((await verify(deleted, "deleted.json")).stdout).toContain(
      "chain record 2: holds seq 3: records were inserted or deleted",
    );
    const head = copy();
    head.head = { ...head.head, hash: "0".repeat(64) };
    expect((await verify(head, "head.json")).stdout).toContain("head: the chain ends at record 5");
  });

  it("names a missing or malformed head, and chain entries that are no record's text", async () => {
    const bare = copy() as Partial<EvidencePackage>;
    delete bare.head;
    const noHead = await verify(bare as EvidencePackage, "no-head.json");
    expect(noHead.code).toBe(1);
    expect(noHead.stdout).toContain("head: is missing: a package states its head as an object");
    expect(noHead.stderr).toBe("");
    const textSeq = copy();
    (textSeq.head as unknown as { seq: string }).seq = "4";
    expect((await verify(textSeq, "text-seq.json")).stdout).toContain(
      'head: seq must be a whole number, 0 or more, got "4"',
    );
    const noHash = copy();
    delete noHash.head.hash;
    expect((await verify(noHash, "no-hash.json")).stdout).toContain(
      "head: record 5 must name its deploymentId and hash as strings",
    );
    const entries = copy();
    (entries.chain as unknown[])[1] = 42;
    entries.chain[2] = "null";
    const bad = await verify(entries, "entries.json");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("");
    expect(bad.stdout).toContain("chain record 2: is 42, not the text of a record");
    expect(bad.stdout).toContain(
      "chain record 3: is canonical JSON but no evidence record (seq, deploymentId, facts, verdict)",
    );
  });

  it("says clearly when a file is no package", async () => {
    const result = await verify("a,b\n1,2\n", "other.csv");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("line 1: expected the columns row_type,seq,deployment_id");
  });
});
