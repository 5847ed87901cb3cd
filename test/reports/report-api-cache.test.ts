import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../../src/reports/model.ts";
import { eventually, type ServeProcess, startServe } from "../support/serve.ts";

// `kpi-exporter serve` on the wall clock (no --as-of), where every build is stamped with
// the instant it was generated: a report asked for twice is built once, until an import
// changes the store (METRICS.md decision 117).

const TOKEN = "report-cache-token";
let dir: string;
let serve: ServeProcess;

/** The quarter before the current one, so a deployment can be dated inside it. */
function previousQuarter(): { id: string; day: string } {
  const now = new Date();
  const index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - 1;
  const [year, q] = [Math.floor(index / 4), index % 4];
  return { id: `${year}-Q${q + 1}`, day: `${year}-${String(q * 3 + 1).padStart(2, "0")}-15` };
}

const quarter = previousQuarter();
const model = async () => {
  const res = await fetch(`${serve.base}/api/v1/reports/${quarter.id}.json`);
  expect(res.status).toBe(200);
  return (await res.json()) as ReportModel;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-report-cache-"));
  const config = join(dir, "config.yaml");
  await writeFile(
    config,
    "version: kpi-exporter/v1\nteams:\n  - name: payments\n    services: [{ name: checkout }]\n",
  );
  serve = await startServe(["--config", config, "--data-dir", join(dir, "store")], {
    KPI_API_TOKEN: TOKEN,
  });
  await eventually(async () => (await fetch(`${serve.base}/readyz`)).ok);
}, 60_000);

afterAll(async () => {
  await serve?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("GET /api/v1/reports on the wall clock", () => {
  it("serves a built report again until an import changes the store", async () => {
    const first = await model();
    expect(first.compliance.productionDeployments).toBe(0);
    // Long enough for the clock to move: a new build would carry a later generatedAt.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await model()).generatedAt).toBe(first.generatedAt);

    const event = JSON.stringify({
      kind: "deployment",
      id: "d1",
      service: "checkout",
      environment: "production",
      finishedAt: `${quarter.day}T10:00:00Z`,
      commitSha: "d1abcdef",
    });
    const posted = await fetch(`${serve.base}/api/v1/events`, {
      method: "POST",
      body: event,
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
    });
    expect(posted.status).toBe(200);
    const after = await model();
    expect(Date.parse(after.generatedAt)).toBeGreaterThan(Date.parse(first.generatedAt));
    expect(after.compliance.productionDeployments).toBe(1);
  });
});
