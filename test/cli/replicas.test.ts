import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, test } from "vitest";
import { runCli } from "../support/cli.ts";
import { databaseUrlInSchema, schemaPerStore } from "../support/pg-schemas.ts";
import { type ServeProcess, startServe } from "../support/serve.ts";

// Replicas on one PostgreSQL database: one leads (collectors, ledger appends), every one
// takes writes and follows the others', two at the same asOf serve the same KPI bytes,
// and a leader killed with SIGKILL is replaced.

const databaseUrl = process.env.TEST_DATABASE_URL;
const AS_OF = "2026-06-04T00:00:00Z";
const TOKEN = "replica-token";
const nextSchema = schemaPerStore(databaseUrl, "kpi_replicas");
const replicas: ServeProcess[] = [];
let dir: string;
let args: string[];
let env: Record<string, string>;

if (!databaseUrl && process.env.CI === "true")
  test("replicas on PostgreSQL", () => {
    throw new Error("TEST_DATABASE_URL is required under CI");
  });
else if (!databaseUrl)
  console.warn("skipping replicas on PostgreSQL: TEST_DATABASE_URL is not set");

const kpiLines = (text: string) =>
  text
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#") && !/^(kpi_exporter_|process_|nodejs_)/.test(l));
const metricsOf = async (r: ServeProcess) => (await fetch(`${r.base}/metrics`)).text();
const leads = async (r: ServeProcess) => (await metricsOf(r)).includes("\nkpi_exporter_leader 1\n");

async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const post = (r: ServeProcess, id: string, at: string) =>
  fetch(`${r.base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
    body: JSON.stringify({
      kind: "deployment",
      id,
      service: "checkout",
      environment: "production",
      finishedAt: at,
      commitSha: `${id}abcdef0`,
    }),
  });

beforeAll(async () => {
  if (!databaseUrl) return;
  dir = await mkdtemp(join(tmpdir(), "kpi-replicas-"));
  env = {
    DATABASE_URL: await databaseUrlInSchema(databaseUrl, nextSchema()),
    KPI_API_TOKEN: TOKEN,
  };
  const config = join(dir, "config.yaml");
  await writeFile(
    config,
    "version: kpi-exporter/v1\nteams:\n  - name: payments\n    services: [{ name: checkout }]\n",
  );
  args = ["--config", config, "--as-of", AS_OF];
  // One at a time: the first migrates the schema.
  for (let i = 0; i < 2; i++) replicas.push(await startServe(args, env));
}, 60_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.runIf(databaseUrl)("replicas on PostgreSQL", () => {
  it("elects exactly one leader", async () => {
    await until("one leader", async () => (await Promise.all(replicas.map(leads))).includes(true));
    expect((await Promise.all(replicas.map(leads))).filter(Boolean)).toHaveLength(1);
  });

  it("a write on either replica is on the other's /metrics, the same bytes on both", async () => {
    const [a, b] = replicas as [ServeProcess, ServeProcess];
    expect((await post(b, "r1", "2026-06-02T10:00:00Z")).status).toBe(200);
    expect((await post(a, "r2", "2026-06-03T10:00:00Z")).status).toBe(200);
    const counted =
      'dora_deployments_total{team="payments",service="checkout",environment="production"} 2';
    await until("both writes on both", async () =>
      (await Promise.all([a, b].map(metricsOf))).every((text) => text.includes(counted)),
    );
    expect(kpiLines(await metricsOf(a))).toEqual(kpiLines(await metricsOf(b)));
  });

  it("replaces a leader killed with SIGKILL, and its ledger verifies", async () => {
    const leader = (await leads(replicas[0] as ServeProcess)) ? 0 : 1;
    const [killed] = replicas.splice(leader, 1) as [ServeProcess];
    killed.child.kill("SIGKILL");
    await killed.exitCode;
    const survivor = replicas[0] as ServeProcess;
    await until("the survivor leads", () => leads(survivor));
    expect((await post(survivor, "r3", "2026-06-03T12:00:00Z")).status).toBe(200);
    const verify = await runCli(["evidence", "verify", ...args], { env });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain("covering 3 production deployments");
  }, 30_000);
});
