import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

// The command line as a user meets it: help, config errors, import exit codes and the
// promise that a bad line never loses what is already stored.

let dir: string;
const CONFIG = `version: kpi-exporter/v1
teams:
  - name: payments
    services: [{ name: checkout }]
`;
const DEPLOY = (id: string, at: string) =>
  JSON.stringify({
    kind: "deployment",
    id,
    service: "checkout",
    environment: "production",
    finishedAt: at,
    commitSha: `${id}000000`,
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-cli-"));
  await writeFile(join(dir, "config.yaml"), CONFIG);
  await writeFile(
    join(dir, "good.ndjson"),
    `${DEPLOY("d1", "2026-06-01T10:00:00Z")}\n${DEPLOY("d2", "2026-06-02T10:00:00Z")}\n`,
  );
  await writeFile(
    join(dir, "mixed.ndjson"),
    `${DEPLOY("d3", "2026-06-03T10:00:00Z")}\n{"kind":"deployment","id":"d1","service":"checkout","environment":"production","commitSha":"x"}\n{not json\n${JSON.stringify({ kind: "incident", id: "i1", service: "nowhere", startedAt: "2026-06-03T11:00:00Z" })}\n`,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const store = () => ["--config", join(dir, "config.yaml"), "--data-dir", join(dir, "store")];

describe("kpi-exporter command line", () => {
  it("prints help listing the commands", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    for (const command of ["serve", "demo", "import", "metrics", "check-config"])
      expect(result.stdout).toContain(command);
  });

  it("check-config accepts a valid file and lists every problem of a bad one with its path", async () => {
    expect((await runCli(["check-config", join(dir, "config.yaml")])).code).toBe(0);
    await writeFile(
      join(dir, "bad.yaml"),
      "version: kpi-exporter/v1\nwindows: [7x]\nteams:\n  - name: a\n    services: [{ name: b, token: x }]\n",
    );
    const bad = await runCli(["check-config", join(dir, "bad.yaml")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("windows[0]: expected a positive duration");
    expect(bad.stderr).toContain("teams[0].services[0].token: unknown key");
  });

  it("imports a clean file with exit 0, and a second time writes nothing", async () => {
    const first = await runCli(["import", ...store(), join(dir, "good.ndjson")]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("2 written");
    const second = await runCli(["import", ...store(), join(dir, "good.ndjson")]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("0 written, 2 unchanged");
  });

  it("exits 2 on rejected lines, naming file, line, field and reason, and keeps what was stored", async () => {
    const result = await runCli(["import", ...store(), join(dir, "mixed.ndjson")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mixed\.ndjson:2: deployment finishedAt: .*\[invalid_field\]/);
    expect(result.stderr).toMatch(/mixed\.ndjson:3: .*\[invalid_json\]/);
    expect(result.stderr).toMatch(
      /mixed\.ndjson:4: incident service.*nowhere.*\[unknown_service\]/,
    );
    const metrics = await runCli(["metrics", ...store(), "--as-of", "2026-06-04T00:00:00Z"]);
    expect(metrics.code, metrics.stderr).toBe(0);
    expect(metrics.stdout).toContain(
      'dora_deployments_total{team="payments",service="checkout",environment="production"} 3',
    );
    expect(metrics.stdout).toContain('kpi_exporter_records{kind="deployment"} 3');
  });

  it("seeds the demo in memory unless --data-dir is given, leaving no ./data behind", async () => {
    const cwd = join(dir, "elsewhere");
    await mkdir(cwd);
    const result = await runCli(["demo", "--seed-only", "--as-of", "2026-06-30T00:00:00Z"], {
      cwd,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("DEMO DATA");
    expect(result.stderr).toContain('store="PGlite in memory"');
    expect(await readdir(cwd)).toEqual([]);
  });

  it("rejects a malformed --as-of with a clear message", async () => {
    const result = await runCli(["metrics", ...store(), "--as-of", "yesterday"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--as-of: expected an ISO-8601 instant");
  });
});
