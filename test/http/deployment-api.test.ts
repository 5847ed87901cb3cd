import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AS_OF, EVENTS, SLASHED, writeFixture } from "../cli/explain-fixture.ts";
import { runCli } from "../support/cli.ts";
import { type ServeProcess, startServe } from "../support/serve.ts";

// GET /api/v1/deployments/{id} on a real `serve`, behind the read token like the other
// read endpoints, and the evidence the server appends after each refresh.

const READ = "read-token-for-tests";
const WRITE = "write-token-for-tests";
let dir: string;
let args: string[];
let serve: ServeProcess;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-deployment-api-"));
  const { config } = await writeFixture(dir);
  args = ["--config", config, "--data-dir", join(dir, "store"), "--as-of", AS_OF];
  serve = await startServe(args, { KPI_READ_TOKEN: READ, KPI_API_TOKEN: WRITE });
  const posted = await fetch(`${serve.base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${WRITE}`, "content-type": "application/x-ndjson" },
    body: EVENTS.join("\n"),
  });
  expect(posted.status, await posted.text()).toBe(200);
}, 60_000);

afterAll(async () => {
  await serve.stop();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, token: string | undefined = READ) =>
  fetch(`${serve.base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe("GET /api/v1/deployments/{id}", () => {
  it("explains a deployment at the served snapshot's asOf", async () => {
    const res = await get("/api/v1/deployments/d1");
    expect(res.status).toBe(200);
    const e = await res.json();
    expect(e.asOf).toBe("2026-06-30T00:00:00.000Z");
    expect(e.failure.incidents).toEqual([
      {
        id: "INC-1",
        rule: "attribution_window",
        startedAt: "2026-06-01T12:00:00.000Z",
        resolvedAt: "2026-06-01T13:30:00.000Z",
        gapSeconds: 7200,
      },
    ]);
    expect(
      e.compliance.controls.map((c: { control: string; pass: boolean }) => [c.control, c.pass]),
    ).toEqual([
      ["required_checks", true],
      ["deployment_approval", true],
    ]);
  });

  it("takes an id with slashes percent-encoded or as is", async () => {
    for (const path of [encodeURIComponent(SLASHED), SLASHED]) {
      const res = await get(`/api/v1/deployments/${path}`);
      expect(res.status, path).toBe(200);
      expect((await res.json()).deployment.id).toBe(SLASHED);
    }
  });

  it("answers at ?asOf=, when given, and 400 for a malformed one", async () => {
    const early = await (await get("/api/v1/deployments/d1?asOf=2026-06-01T12:30:00Z")).json();
    expect(early.failure.recovery).toEqual({ recovered: false, unresolvedIncidents: ["INC-1"] });
    const bad = await get("/api/v1/deployments/d1?asOf=yesterday");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(
      /^query parameter "asOf": expected an ISO-8601 instant/,
    );
  });

  it("404 names an unknown id; 401 without the read token", async () => {
    const missing = await get("/api/v1/deployments/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no deployment with id "nope" in the store' });
    expect((await get("/api/v1/deployments/d1", "wrong")).status).toBe(401);
    expect((await get("/api/v1/deployments/d1", "")).status).toBe(401);
  });

  it("appended the posted deployments' evidence before answering the POST", async () => {
    await serve.stop();
    const verified = await runCli(["evidence", "verify", ...args]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(
      /^evidence ledger intact: 4 records, head record 4 \(deployment d3\)/,
    );
    // Record 1 is the compliance policy serve saw at its start (METRICS.md decision 131).
    expect(serve.log()).toMatch(/evidence ledger: appended records 2–4/);
  });
});
