import { existsSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/store/data-dir-lock.ts";
import { openStore } from "../../src/store/open.ts";
import { runCli } from "../support/cli.ts";
import { type ServeProcess, startServe } from "../support/serve.ts";
import {
  deployment,
  deployments,
  served,
  TOKEN,
  type Workspace,
  workspace,
} from "./single-writer-fixture.ts";

// The README's path with real processes: import, serve, import the next day. While `serve`
// holds the data dir, `import` goes through its API, and what it reports written survives
// the server's stop, restart and SIGKILL, evidence included.

let ws: Workspace;
let serve: ServeProcess | undefined;
const running = () => serve as ServeProcess;
const lockFile = () => join(ws.store, LOCK_FILE);

beforeAll(async () => {
  ws = await workspace("single-writer");
});

afterAll(async () => {
  await serve?.stop();
  await ws.close();
});

describe("import while serve holds the data dir", () => {
  it("an import into a data dir no one holds opens it, and leaves no lock behind", async () => {
    const imported = await ws.cli([
      "import",
      await ws.events("d1.ndjson", [deployment("d1", "1")]),
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`1 written, 0 unchanged, 0 rejected (PGlite in ${ws.store})`);
    expect(existsSync(lockFile())).toBe(false);
  });

  it("goes through the server's API, and the KPIs show it at once", async () => {
    serve = await startServe(ws.args, { KPI_API_TOKEN: TOKEN });
    expect(JSON.parse(readFileSync(lockFile(), "utf8"))).toMatchObject({
      pid: serve.child.pid,
      command: "kpi-exporter serve",
    });
    const file = await ws.events("d2.ndjson", [deployment("d2", "2")]);
    const imported = await ws.cli(["import", file], { KPI_API_TOKEN: TOKEN });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe(
      `accepted deployment 1; 1 written, 0 unchanged, 0 rejected (sent to kpi-exporter serve (pid ${serve.child.pid}) at ${serve.base})\n`,
    );
    expect(deployments(await served(serve))).toBe(2);
  }, 60_000);

  it("a file beyond the server's body limit goes in parts, rejections numbered as in the file", async () => {
    const lines = Array.from({ length: 40 }, (_, i) => deployment(`bulk${i + 1}`, "3"));
    lines[36] = "{ not json";
    const file = await ws.events("bulk.ndjson", lines);
    const imported = await ws.cli(["import", file], { KPI_API_TOKEN: TOKEN });
    expect(imported.code, imported.stderr).toBe(2);
    expect(imported.stderr).toMatch(new RegExp(`^${file}:37: .*\\[invalid_json\\]$`, "m"));
    expect(imported.stderr.match(/\[invalid_json\]/g)).toHaveLength(1);
    expect(imported.stdout).toContain("39 written, 0 unchanged, 1 rejected (sent to");
    expect(deployments(await served(running()))).toBe(41);
  });

  it("--url sends an import to that server without opening any store", async () => {
    const cwd = await mkdtemp(join(ws.dir, "elsewhere-"));
    const file = await ws.events("d3.ndjson", [deployment("d3", "3")]);
    const imported = await runCli(["import", "--url", `${running().base}/`, file], {
      env: { KPI_API_TOKEN: TOKEN },
      cwd,
    });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(
      `1 written, 0 unchanged, 0 rejected (sent to the server at ${running().base})`,
    );
    expect(existsSync(join(cwd, "data"))).toBe(false);
    expect(deployments(await served(running()))).toBe(42);
  });

  it("after serve stops, a new serve still has every record", async () => {
    expect(await running().stop()).toBe(0);
    expect(existsSync(lockFile())).toBe(false);
    serve = await startServe(ws.args, { KPI_API_TOKEN: TOKEN });
    expect(deployments(await served(serve))).toBe(42);
  }, 60_000);

  it("after serve is killed with SIGKILL, the next import opens the store itself", async () => {
    const killed = running();
    killed.child.kill("SIGKILL");
    await killed.exitCode;
    serve = undefined;
    expect(JSON.parse(readFileSync(lockFile(), "utf8")).pid).toBe(killed.child.pid);
    const imported = await ws.cli([
      "import",
      await ws.events("d4.ndjson", [deployment("d4", "3")]),
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`1 written, 0 unchanged, 0 rejected (PGlite in ${ws.store})`);
    expect(deployments((await ws.cli(["metrics"])).stdout)).toBe(43);
  }, 60_000);

  it("every deployment written either way has its evidence record", async () => {
    const opened = await openStore({ dataDir: ws.store });
    try {
      const rows = await opened.evidence.rows();
      // Policy records (METRICS.md decision 131) are no deployment's.
      const evidenced = new Set(
        rows.map((row) => row.deploymentId).filter((id) => !id.startsWith("policy:")),
      );
      expect(evidenced.size).toBe(43);
      const sent = ["d1", "d2", "d3", "d4", "bulk1", "bulk40"];
      expect(sent.filter((id) => !evidenced.has(id))).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
