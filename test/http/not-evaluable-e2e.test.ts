import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvidencePackage } from "../../src/evidence/package.ts";
import { parseCsv } from "../../src/import/csv.ts";
import { runCli } from "../support/cli.ts";
import { type ServeProcess, startServe } from "../support/serve.ts";

// Contract §8.1 end to end on a real `serve` and the real command line: what the
// engine cannot judge is `not_evaluable` on GET /api/v1/deployments/{id}, on /metrics, in
// `explain`, in the evidence ledger and its CSV package; an earlier deployment of the same
// commit arriving later makes the change set known and appends a superseding record.

const AS_OF = "2026-06-30T00:00:00Z";
const WRITE = "write-token-for-tests";
const X = "a".repeat(40);
const CONFIG = `version: kpi-exporter/v1
teams:
  - name: payments
    services: [{ name: checkout }]
compliance:
  controls:
    change_approval: 1
    linked_ticket: "^PAY-[0-9]+$"
`;
const line = (record: Record<string, unknown>) => JSON.stringify(record);
const deployment = (id: string, finishedAt: string, commitSha: string, extra = {}) =>
  line({
    kind: "deployment",
    id,
    service: "checkout",
    environment: "production",
    finishedAt,
    commitSha,
    ...extra,
  });
// n1: no list, commit X deployed nowhere before, nothing merged: change set unknown.
// n2: lists u, whose author is unknown (approved by bob, ticket PAY-7).
const EVENTS = [
  deployment("n1", "2026-06-28T10:00:00Z", X),
  deployment("n2", "2026-06-29T10:00:00Z", "b".repeat(40), { changes: ["u"] }),
  line({
    kind: "change",
    id: "u",
    service: "checkout",
    mergedAt: "2026-06-29T08:00:00Z",
    approvals: [{ by: "bob", at: "2026-06-29T07:00:00Z" }],
    linkedItems: [{ id: "PAY-7" }],
  }),
];
const UNKNOWN =
  "change set unknown: no list of changes, merge order gives it none, and no earlier production deployment had deployed its commit";
const AUTHOR =
  "u: author unknown, so its 1 approval before merge cannot be shown to come from someone else";

let dir: string;
let common: string[];
let serve: ServeProcess;
let explained: { status: number; body: Record<string, unknown> };
let metrics = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-not-evaluable-"));
  await writeFile(join(dir, "config.yaml"), CONFIG);
  common = ["--config", join(dir, "config.yaml"), "--data-dir", join(dir, "store")];
  serve = await startServe([...common, "--as-of", AS_OF], { KPI_API_TOKEN: WRITE });
  const posted = await fetch(`${serve.base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${WRITE}`, "content-type": "application/x-ndjson" },
    body: EVENTS.join("\n"),
  });
  expect(posted.status, await posted.text()).toBe(200);
  const res = await fetch(`${serve.base}/api/v1/deployments/n1`);
  explained = { status: res.status, body: await res.json() };
  metrics = await (await fetch(`${serve.base}/metrics`)).text();
  await serve.stop();
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

type Control = { control: string; verdict: string; pass: boolean; reason: string };

describe("not evaluable, end to end", () => {
  it("GET /api/v1/deployments/{id} gives the verdict not_evaluable with its reason", () => {
    expect(explained.status).toBe(200);
    const compliance = explained.body.compliance as { compliant: boolean; controls: Control[] };
    expect(compliance.compliant).toBe(false);
    expect(
      compliance.controls.map(({ control, verdict, pass, reason }) => [
        control,
        verdict,
        pass,
        reason,
      ]),
    ).toEqual([
      ["change_approval", "not_evaluable", false, UNKNOWN],
      ["linked_ticket", "not_evaluable", false, UNKNOWN],
    ]);
    expect((explained.body.changes as { changeSet: string }).changeSet).toBe("unknown");
  });

  it("/metrics: the not-evaluable ratio beside the pass ratio, per control", () => {
    // 7d, organisation: n1 and n2 judged; change_approval not evaluable for both,
    // linked_ticket for n1 only (n2's change links PAY-7).
    const value = (name: string, control: string) => {
      const found = metrics
        .split("\n")
        .find((l) => l.startsWith(`${name}{window="7d",control="${control}"}`));
      return found?.split(" ")[1];
    };
    expect(metrics).toContain("# TYPE kpi_compliance_control_not_evaluable_ratio gauge");
    expect(value("kpi_compliance_control_not_evaluable_ratio", "change_approval")).toBe("1");
    expect(value("kpi_compliance_control_not_evaluable_ratio", "linked_ticket")).toBe("0.5");
    expect(value("kpi_compliance_control_pass_ratio", "change_approval")).toBe("0");
    expect(value("kpi_compliance_control_pass_ratio", "linked_ticket")).toBe("0.5");
  });

  it("explain deployment, text and --json", async () => {
    const text = await runCli(["explain", "deployment", "n2", ...common, "--as-of", AS_OF]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`  - change_approval: NOT EVALUABLE: ${AUTHOR}\n`);
    expect(text.stdout).toContain("      N/E  u (author unknown): bob\n");
    const json = await runCli([
      "explain",
      "deployment",
      "n2",
      "--json",
      ...common,
      "--as-of",
      AS_OF,
    ]);
    expect(json.code, json.stderr).toBe(0);
    const controls = JSON.parse(json.stdout).compliance.controls as Control[];
    expect(controls.map((c) => [c.control, c.verdict, c.reason])).toEqual([
      ["change_approval", "not_evaluable", AUTHOR],
      ["linked_ticket", "pass", "every change links a work item"],
    ]);
  });

  it("the ledger records not_evaluable; the CSV package shows it and verifies", async () => {
    const period = ["--from", "2026-06-01", "--to", "2026-06-30", "--format", "csv"];
    const out = join(dir, "package.csv");
    const exported = await runCli(["evidence", "export", ...common, ...period, "--out", out], {
      env: { KPI_AS_OF: AS_OF },
    });
    expect(exported.code, exported.stderr).toBe(0);
    const rows = parseCsv(await readFile(out, "utf8")).map((r) => r.fields);
    const header = rows[0] ?? [];
    const cell = (id: string, column: string) =>
      rows.find((r) => r[0] === "deployment" && r[2] === id)?.[header.indexOf(column)];
    expect(cell("n1", "containment")).toBe("unknown");
    expect(cell("n1", "compliant")).toBe("false");
    expect(cell("n1", "controls")).toBe(
      `change_approval NOT_EVALUABLE: ${UNKNOWN}; linked_ticket NOT_EVALUABLE: ${UNKNOWN}`,
    );
    expect(cell("n2", "controls")).toBe(
      `change_approval NOT_EVALUABLE: ${AUTHOR}; linked_ticket pass: every change links a work item`,
    );
    const verified = await runCli(["evidence", "verify", "--package", out]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  });

  it("an earlier deployment of n1's commit, imported later, supersedes n1's record with a pass", async () => {
    const late = join(dir, "late.ndjson");
    await writeFile(late, `${deployment("n0", "2026-06-20T10:00:00Z", X, { changes: [] })}\n`);
    const imported = await runCli(["import", ...common, "--as-of", AS_OF, late]);
    expect(imported.code, imported.stderr).toBe(0);
    const out = join(dir, "package.json");
    const period = ["--from", "2026-06-28", "--to", "2026-06-29"];
    const exported = await runCli(["evidence", "export", ...common, ...period, "--out", out], {
      env: { KPI_AS_OF: AS_OF },
    });
    expect(exported.code, exported.stderr).toBe(0);
    const pkg = JSON.parse(await readFile(out, "utf8")) as EvidencePackage;
    const n1 = pkg.deployments.find((d) => d.deploymentId === "n1");
    expect(n1?.supersedes).not.toBeNull();
    expect(n1?.containment).toBe("merge_order");
    expect(n1?.compliant).toBe(true);
    const why = "ships no change: it redeploys a commit deployed before";
    expect(n1?.controls).toEqual([
      { control: "change_approval", pass: true, verdict: "pass", reason: why },
      { control: "linked_ticket", pass: true, verdict: "pass", reason: why },
    ]);
  });
});
