import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakePagerduty } from "../../support/fake-incidents/pagerduty.ts";
import { pdIncidents } from "./pagerduty-scenario.ts";
import {
  AS_OF,
  type CliSession,
  cliSession,
  EXPECTED_AFTER_CLOSE,
  EXPECTED_FIRST,
  INC_D_CLOSED,
  sample,
  TEAMS,
} from "./scenario.ts";

// `sync --source pagerduty` against a fake PagerDuty: scenario.ts told as incidents
// (pagerduty-scenario.ts). 400 days of history are read as 180-day slices.

let fake: Awaited<ReturnType<typeof startFakePagerduty>>;
let session: CliSession;
const w = { window: "30d" };

beforeAll(async () => {
  fake = await startFakePagerduty({ apiKey: "pd-key", incidents: pdIncidents() });
  session = await cliSession(
    `version: kpi-exporter/v1
sources:
  pagerduty: { base_url: "${fake.url}", history_days: 400 }
${TEAMS}`,
    { PAGERDUTY_API_KEY: "pd-key" },
  );
}, 120_000);
afterAll(async () => {
  await fake?.close();
  await session?.close();
});

describe("PagerDuty sync end to end", () => {
  let metrics = "";
  beforeAll(async () => {
    const sync = await session.cli(["sync", "--source", "pagerduty"]);
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    metrics = await session.metrics();
  }, 120_000);

  test("change failure ratio and recovery time equal the hand-computed ones", () => {
    expect(sample(metrics, "dora_change_failure_ratio", w)).toBeCloseTo(EXPECTED_FIRST.ratio, 12);
    const ledger = { ...w, team: "payments", service: "ledger" };
    expect(sample(metrics, "dora_change_failure_ratio", ledger)).toBe(EXPECTED_FIRST.ledgerRatio);
    const q = (quantile: string) =>
      sample(metrics, "dora_failed_deployment_recovery_time_seconds", { ...w, quantile });
    expect(q("0.5")).toBe(EXPECTED_FIRST.p50);
    expect(q("0.9")).toBeCloseTo(EXPECTED_FIRST.p90, 6);
    // PINCA, PINCB, PINCC, PINCD; not the P4/low nor the Search service's.
    expect(sample(metrics, "kpi_exporter_records", { kind: "incident" })).toBe(4);
  });

  test("history is read in slices of at most six months, each paged while `more`", () => {
    const listings = fake.requests.filter((r) => r.path === "/incidents");
    const ranges = [
      ...new Set(listings.map((r) => `${r.query.get("since")}/${r.query.get("until")}`)),
    ];
    // 400 days before AS_OF is 2025-05-26: slices of 180, 180 and 40 days, end to end.
    expect(ranges).toEqual([
      "2025-05-26T00:00:00.000Z/2025-11-22T00:00:00.000Z",
      "2025-11-22T00:00:00.000Z/2026-05-21T00:00:00.000Z",
      `2026-05-21T00:00:00.000Z/${new Date(AS_OF).toISOString()}`,
    ]);
    // Six incidents in the last slice, two a page.
    expect(listings.map((r) => r.query.get("offset"))).toEqual(["0", "0", "0", "2", "4"]);
    expect(fake.requests.every((r) => r.headers.authorization === "Token token=pd-key")).toBe(true);
  });

  test("log entries are read only for incidents that belong to a service", () => {
    const logs = new Set(
      fake.requests.filter((r) => r.path.endsWith("/log_entries")).map((r) => r.path.split("/")[2]),
    );
    expect([...logs].sort()).toEqual(["PINCA", "PINCB", "PINCC", "PINCD"]);
  });

  test("a second sync re-reads the open incidents and sees INC-D resolve", async () => {
    const incD = fake.incidents.find((i) => i.id === "PINCD");
    Object.assign(incD ?? {}, { status: "resolved", resolvedAt: INC_D_CLOSED });
    fake.requests.length = 0;
    const again = await session.cli(["sync", "--source", "pagerduty"]);
    expect(again.code, again.stderr).toBe(0);
    // From the newest creation read (PNOISE5, 06-25 11:00); the open ones by id.
    expect(fake.requests.find((r) => r.path === "/incidents")?.query.get("since")).toBe(
      "2026-06-25T11:00:00.000Z",
    );
    const reread = fake.requests.filter((r) => /^\/incidents\/[A-Z0-9]+$/.test(r.path));
    expect(reread.map((r) => r.path).sort()).toEqual(["/incidents/PINCD"]);
    const after = await session.metrics();
    expect(
      sample(after, "dora_failed_deployment_recovery_time_seconds", { ...w, quantile: "0.5" }),
    ).toBe(EXPECTED_AFTER_CLOSE.p50);
  }, 120_000);
});
