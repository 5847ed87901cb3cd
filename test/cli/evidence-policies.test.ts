import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

// Effective-dated policies through the real command line (METRICS.md decisions 131–132):
// an undated change of the config's controls is recorded once, in force from when first
// seen, so a fixed --as-of before it prints the same exposition before and after;
// `evidence policies` answers which controls were in force, from the store or a package.

const AS_OF = "2026-06-30T00:00:00Z";
const SHA = `aaaaaaa${"1".repeat(33)}`;
const config = (checks: string) => `version: kpi-exporter/v1
teams:
  - name: payments
    services: [{ name: checkout }]
compliance:
  controls:
    required_checks: [${checks}]
`;
const EVENTS = [
  {
    kind: "deployment",
    id: "d1",
    service: "checkout",
    environment: "production",
    finishedAt: "2026-06-01T10:00:00Z",
    commitSha: SHA,
    changes: [],
  },
  {
    kind: "check",
    commitSha: SHA,
    name: "sast",
    conclusion: "success",
    completedAt: "2026-06-01T09:00:00Z",
  },
]
  .map((e) => JSON.stringify(e))
  .join("\n");

let dir: string;
let store: string[];
let configA: string;
let configB: string;

const policies = (config: string, ...args: string[]) =>
  runCli(["evidence", "policies", "--config", config, ...store, ...args]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-evidence-policies-"));
  configA = join(dir, "a.yaml");
  configB = join(dir, "b.yaml");
  await writeFile(configA, config("sast"));
  await writeFile(configB, config("sast, trivy"));
  await writeFile(join(dir, "events.ndjson"), `${EVENTS}\n`);
  store = ["--data-dir", join(dir, "store")];
  const imported = await runCli([
    "import",
    "--config",
    configA,
    ...store,
    "--as-of",
    AS_OF,
    join(dir, "events.ndjson"),
  ]);
  expect(imported.code, imported.stderr).toBe(0);
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("evidence policies and an undated change", () => {
  it("prints the policy the first import recorded, in force from the beginning", async () => {
    const shown = await policies(configA);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(
      "organisation: required_checks=[sast]\n  in force from the beginning",
    );
    expect(shown.stdout).toContain("(ledger record 1; policy ");
  }, 60_000);

  it("records an undated change once, from when first seen, and keeps the past's numbers", async () => {
    const before = await runCli(["metrics", "--config", configA, ...store, "--as-of", AS_OF]);
    const first = await runCli(["metrics", "--config", configB, ...store, "--as-of", AS_OF]);
    const again = await runCli(["metrics", "--config", configB, ...store, "--as-of", AS_OF]);
    expect([before.code, first.code, again.code]).toEqual([0, 0, 0]);
    expect(first.stderr).toContain("compliance policy recorded");
    expect(again.stderr).not.toContain("compliance policy recorded");
    const coverage = (text: string) =>
      text.split("\n").filter((l) => l.startsWith('kpi_compliance_coverage_ratio{window="30d"}'));
    expect(coverage(first.stdout)).toEqual(['kpi_compliance_coverage_ratio{window="30d"} 1']);
    // No control requiring trivy judged d1: no trivy series, the same figures as before.
    const compliance = (text: string) =>
      text.split("\n").filter((l) => l.startsWith("kpi_compliance"));
    expect(compliance(first.stdout)).toEqual(compliance(before.stdout));
    expect(again.stdout).toBe(first.stdout);

    const history = await policies(configB, "--history", "--json");
    const listed = JSON.parse(history.stdout).history as Record<string, unknown>[];
    expect(listed.map((p) => [p.effectiveFrom === null, p.rejudges, p.seq])).toEqual([
      [true, false, 1],
      [false, false, 3],
    ]);
    expect(listed[1]?.effectiveFrom).toBe(listed[1]?.firstSeen);
    const then = await policies(configB, "--at", "2026-06-01T00:00:00Z");
    expect(then.stdout).toContain("organisation: required_checks=[sast]\n");
    const now = await policies(configB);
    expect(now.stdout).toContain("organisation: required_checks=[sast, trivy]\n");
  }, 180_000);

  it("answers offline from an evidence package, which verifies", async () => {
    const file = join(dir, "package.json");
    const exported = await runCli(
      [
        "evidence",
        "export",
        "--config",
        configB,
        ...store,
        "--from",
        "2026-06-01",
        "--to",
        "2026-07-01",
        "--out",
        file,
      ],
      { env: { KPI_AS_OF: AS_OF } },
    );
    expect(exported.code, exported.stderr).toBe(0);
    const pkg = JSON.parse(await readFile(file, "utf8"));
    expect(pkg.policies.map((p: { seq: number }) => p.seq)).toEqual([1]);
    expect((await runCli(["evidence", "verify", "--package", file])).code).toBe(0);
    const offline = await runCli([
      "evidence",
      "policies",
      "--package",
      file,
      "--at",
      "2026-06-15T00:00:00Z",
    ]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain(
      `compliance policies in force at 2026-06-15T00:00:00.000Z (${file})`,
    );
    expect(offline.stdout).toContain("organisation: required_checks=[sast]\n");
  }, 120_000);
});
