import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/store/data-dir-lock.ts";
import { runCli } from "../support/cli.ts";
import { type ServeProcess, startServe } from "../support/serve.ts";
import {
  deployment,
  deployments,
  expectNamesHolder,
  served,
  TOKEN,
  type Workspace,
  workspace,
} from "./single-writer-fixture.ts";

// While `serve` holds a data dir, what the API can answer (metrics, explain, report) is
// read from it; everything else exits 1 naming the holder and what to do instead.

let ws: Workspace;
let serve: ServeProcess;

beforeAll(async () => {
  ws = await workspace("single-writer-refusals");
  serve = await startServe(ws.args, { KPI_API_TOKEN: TOKEN });
  const posted = await fetch(`${serve.base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
    body: [deployment("d1", "1"), deployment("d2", "2")].join("\n"),
  });
  expect(posted.status, await posted.text()).toBe(200);
}, 60_000);

afterAll(async () => {
  await serve.stop();
  await ws.close();
});

describe("commands while serve holds the data dir", () => {
  it("a second serve, or a demo, exits 1 naming pid and URL", async () => {
    for (const command of ["serve", "demo"]) {
      const second = await ws.cli([command, "--port", "0", "--host", "127.0.0.1"]);
      expect(second.code, command).toBe(1);
      expectNamesHolder(second.stderr, serve);
      expect(second.stderr).toContain(`stop it first (kill ${serve.child.pid})`);
    }
  }, 60_000);

  it("a forwarded import with a wrong or no token exits 1 naming KPI_API_TOKEN, storing nothing", async () => {
    const file = await ws.events("refused.ndjson", [deployment("d9", "3")]);
    const wrong = await ws.cli(["import", file], { KPI_API_TOKEN: "not-the-token" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("refused the token: set KPI_API_TOKEN");
    const none = await ws.cli(["import", file]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("requires a token: set KPI_API_TOKEN");
    expect(deployments(await served(serve))).toBe(2);
  });

  it("what the API cannot do exits 1 naming the holder", async () => {
    const exports = join(ws.dir, "focus");
    await mkdir(exports);
    const syncConfig = join(ws.dir, "sync.yaml");
    await writeFile(
      syncConfig,
      `version: kpi-exporter/v1\nsources:\n  focus: { directory: ${exports} }\n`,
    );
    const refused = {
      "import --format experiments": ["import", "--format", "experiments", join(ws.dir, "x.csv")],
      sync: ["sync", "--config", syncConfig],
      backfill: ["backfill", "--from", "2026-01-01", "--to", "2026-02-01"],
      "evidence verify": ["evidence", "verify"],
      "demo --seed-only": ["demo", "--seed-only"],
      "metrics at another --as-of": ["metrics", "--as-of", "2026-06-05T00:00:00Z"],
    };
    const stderr: Record<string, string> = {};
    for (const [name, command] of Object.entries(refused)) {
      const run = await runCli([...command, "--data-dir", ws.store]);
      expect(run.code, name).toBe(1);
      expectNamesHolder(run.stderr, serve);
      stderr[name] = run.stderr;
    }
    expect(stderr.sync).toContain("it already runs the configured collectors");
    expect(stderr["metrics at another --as-of"]).toContain(
      "not at --as-of 2026-06-05T00:00:00.000Z",
    );
  }, 120_000);

  it("metrics, explain and report are answered by the server", async () => {
    const metrics = await ws.cli(["metrics"]);
    expect(metrics.code, metrics.stderr).toBe(0);
    expect(deployments(metrics.stdout)).toBe(2);
    const explained = await ws.cli(["explain", "deployment", "d2", "--json"]);
    expect(explained.code, explained.stderr).toBe(0);
    expect(JSON.parse(explained.stdout).deployment.id).toBe("d2");
    const unknown = await ws.cli(["explain", "deployment", "nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no deployment with id "nope"');
    const report = await ws.cli(["report", "--quarter", "2026-Q2", "--format", "json"]);
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout).compliance.productionDeployments).toBe(2);
  }, 60_000);

  it("a data dir held on another host is refused, saying how to release it", async () => {
    const shared = join(ws.dir, "shared");
    await mkdir(shared);
    const lock = {
      pid: 4242,
      hostname: "exporter-1.example",
      command: "kpi-exporter serve",
      startedAt: "2026-12-06T20:00:00.000Z",
      url: "http://127.0.0.1:9478",
      token: "elsewhere",
    };
    await writeFile(join(shared, LOCK_FILE), JSON.stringify(lock));
    const file = await ws.events("shared.ndjson", [deployment("d6", "3")]);
    const imported = await runCli(["import", "--data-dir", shared, file]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(
      "is held by kpi-exporter serve (pid 4242, on host exporter-1.example, http://127.0.0.1:9478) since 2026-12-06T20:00Z",
    );
    expect(imported.stderr).toContain("import --url http://exporter-1.example:9478 FILE");
    expect(imported.stderr).toContain(`delete ${join(shared, LOCK_FILE)}`);
  });
});
