import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_LIMITS, ReportBuilds } from "../../src/http/report-builds.ts";
import { REPORT_ROUTE, reportHandler } from "../../src/http/report-route.ts";
import type { ReportModel } from "../../src/reports/model.ts";
import { ReportRequestError } from "../../src/reports/request-error.ts";
import { eventually } from "../support/serve.ts";
import { reportFixture } from "./fixtures/model.ts";

// GET /api/v1/reports/… over real HTTP with the report limits of `serve` in front of a
// builder the test controls: which builds run, when they finish, what the data version
// and the clock say.

let held: Array<() => void> | undefined;
let running = 0;
let mostAtOnce = 0;
const calls: string[] = [];
let version = 1;
let clock = 0;

function build(request: { quarter: string; team?: string }): Promise<ReportModel> {
  if (request.quarter === "2026-Q7") return Promise.reject(new ReportRequestError("bad quarter"));
  calls.push(`${request.quarter} ${request.team ?? "org"}`);
  const model = reportFixture();
  model.quarter.id = request.quarter;
  model.generatedAt = `build ${calls.length}`;
  running++;
  mostAtOnce = Math.max(mostAtOnce, running);
  const done = () => {
    running--;
    return model;
  };
  if (!held) return Promise.resolve(done());
  const queue = held;
  return new Promise((resolve) => queue.push(() => resolve(done())));
}

const builds = new ReportBuilds({ build, dataVersion: () => version, now: () => clock });
let server: Server;
let base = "";
const get = (path: string) => fetch(`${base}/api/v1/reports/${path}`);
const generatedAt = async (path: string) =>
  ((await (await get(path)).json()) as ReportModel).generatedAt;

beforeAll(async () => {
  const app = express().get(REPORT_ROUTE, reportHandler(builds.build));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("report builds behind the API", () => {
  it("builds one report at a time, queues four more, and answers 503 with Retry-After beyond", async () => {
    held = [];
    const first = get("2026-Q1.json");
    await eventually(async () => calls.length === 1);
    const queued = ["2026-Q2", "2026-Q3", "2025-Q1", "2025-Q2"].map((q) => get(`${q}.json`));
    await eventually(async () => builds.waiting === REPORT_LIMITS.maxWaiting);
    const refused = await get("2025-Q3.json");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(((await refused.json()) as { error: string }).error).toBe(
      "4 reports are already waiting to be built; try again in 10 s",
    );
    // The same report as the one being built waits for that build instead of a turn.
    const joined = get("2026-Q1.csv");
    for (let i = 0; i < 5; i++) {
      await eventually(async () => (held?.length ?? 0) > 0);
      held.shift()?.();
    }
    const answers = await Promise.all([first, ...queued, joined]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(calls).toEqual([
      "2026-Q1 org",
      "2026-Q2 org",
      "2026-Q3 org",
      "2025-Q1 org",
      "2025-Q2 org",
    ]);
    expect(mostAtOnce).toBe(1);
    held = undefined;
  });

  it("serves a built model for a minute, until the data changes; a refused request is not kept", async () => {
    version = 2;
    clock = 1_000_000;
    const built = await generatedAt("2026-Q3.json?team=payments");
    expect(await generatedAt("2026-Q3.json?team=payments")).toBe(built);
    expect(await generatedAt("2026-Q3.json")).not.toBe(built);
    clock += REPORT_LIMITS.ttlMs - 1;
    expect(await generatedAt("2026-Q3.json?team=payments")).toBe(built);
    clock += 1;
    const later = await generatedAt("2026-Q3.json?team=payments");
    expect(later).not.toBe(built);
    version = 3;
    expect(await generatedAt("2026-Q3.json?team=payments")).not.toBe(later);
    expect((await get("2026-Q7.json")).status).toBe(400);
    expect((await get("2026-Q7.json")).status).toBe(400);
    expect((await get("2026-Q2.json")).status).toBe(200);
  });

  it("keeps the eight most recently used models", async () => {
    version = 4;
    const quarters = Array.from(
      { length: REPORT_LIMITS.cacheSize + 1 },
      (_, i) => `20${10 + i}-Q1`,
    );
    const first = await generatedAt(`${quarters[0]}.json`);
    for (const q of quarters.slice(1)) await generatedAt(`${q}.json`);
    const count = calls.length;
    expect(await generatedAt(`${quarters.at(-1)}.json`)).toBe(`build ${count}`);
    expect(await generatedAt(`${quarters[0]}.json`)).not.toBe(first);
    expect(calls).toHaveLength(count + 1);
  });
});
