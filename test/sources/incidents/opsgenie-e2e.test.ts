import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeOpsgenie, startFakeOpsgenie } from "../../support/fake-incidents/opsgenie.ts";
import { closeIncD, opsAccount } from "./ops-scenario.ts";
import {
  AS_OF,
  type CliSession,
  cliSession,
  EXPECTED_AFTER_CLOSE,
  EXPECTED_FIRST,
  sample,
  TEAMS,
} from "./scenario.ts";

// `sync --source opsgenie` against a fake Opsgenie over real HTTP, deployments imported
// as NDJSON, then `metrics`: the DORA numbers hand-computed in scenario.ts. A second
// sync reads only what changed since the cursor and sees INC-D close.

let fake: FakeOpsgenie;
let session: CliSession;
const w = { window: "30d" };

beforeAll(async () => {
  fake = await startFakeOpsgenie({ apiKey: "og-key", account: opsAccount("incident") });
  session = await cliSession(
    `version: kpi-exporter/v1
sources:
  opsgenie: { base_url: "${fake.url}", cloud_id: cloud-1, history_days: 90 }
${TEAMS}`,
    { OPSGENIE_API_KEY: "og-key" },
  );
}, 120_000);
afterAll(async () => {
  await fake?.close();
  await session?.close();
});

describe("Opsgenie sync end to end", () => {
  let metrics = "";
  let syncOutput = "";
  beforeAll(async () => {
    const sync = await session.cli(["sync", "--source", "opsgenie"]);
    syncOutput = sync.stdout + sync.stderr;
    expect(sync.code, syncOutput).toBe(0);
    metrics = await session.metrics();
  }, 120_000);

  test("change failure ratio and recovery time equal the hand-computed ones", () => {
    expect(sample(metrics, "dora_change_failure_ratio", w)).toBeCloseTo(EXPECTED_FIRST.ratio, 12);
    const checkout = { ...w, team: "payments", service: "checkout" };
    const ledger = { ...w, team: "payments", service: "ledger" };
    expect(sample(metrics, "dora_change_failure_ratio", checkout)).toBe(
      EXPECTED_FIRST.checkoutRatio,
    );
    // L2 fails by the Opsgenie incident; L1's P4 alert is below ledger's priorities.
    expect(sample(metrics, "dora_change_failure_ratio", ledger)).toBe(EXPECTED_FIRST.ledgerRatio);
    const q = (quantile: string, scope = w) =>
      sample(metrics, "dora_failed_deployment_recovery_time_seconds", { ...scope, quantile });
    expect(q("0.5")).toBe(EXPECTED_FIRST.p50);
    expect(q("0.9")).toBeCloseTo(EXPECTED_FIRST.p90, 6);
    expect(q("0.5", checkout)).toBe(EXPECTED_FIRST.checkoutP50);
    expect(q("0.5", ledger)).toBe(EXPECTED_FIRST.ledgerP50);
  });

  test("only incidents of catalogue services are stored; the rest is counted and logged once", () => {
    // alert-a, alert-b, alert-d and incident-c; not the P4 nor the unknown service's alert.
    expect(sample(metrics, "kpi_exporter_records", { kind: "incident" })).toBe(4);
    expect(syncOutput.match(/matching no service/g)).toHaveLength(1);
    expect(syncOutput).toMatch(/count=1 examples=opsgenie:alert:alert-noise-unknown/);
  });

  test("lists page by paging.next; details are read only for alerts that belong to a service", () => {
    const listings = fake.requests.filter((r) => r.path === "/v2/alerts");
    const historyStart = Date.parse(AS_OF) - 90 * 86_400_000;
    expect(listings[0]?.query.get("query")).toBe(`updatedAt>=${historyStart}`);
    expect(listings.map((r) => r.query.get("offset"))).toEqual(["0", "2", "4"]);
    const details = fake.requests
      .filter((r) => r.path.startsWith("/v2/alerts/"))
      .map((r) => r.path);
    expect(details.sort()).toEqual([
      "/v2/alerts/alert-a",
      "/v2/alerts/alert-b",
      "/v2/alerts/alert-d",
    ]);
    expect(fake.requests.every((r) => r.headers.authorization === "GenieKey og-key")).toBe(true);
  });

  test("a second sync reads from the cursor and sees INC-D close", async () => {
    closeIncD(fake.account);
    fake.requests.length = 0;
    const again = await session.cli(["sync", "--source", "opsgenie"]);
    expect(again.code, again.stderr).toBe(0);
    // The newest update the first sync read: the unknown service's alert, 06-25 11:00.
    const cursor = Date.parse("2026-06-25T11:00:00Z");
    const first = fake.requests.find((r) => r.path === "/v2/alerts");
    expect(first?.query.get("query")).toBe(`updatedAt>=${cursor}`);
    const after = await session.metrics();
    expect(sample(after, "dora_change_failure_ratio", w)).toBeCloseTo(
      EXPECTED_AFTER_CLOSE.ratio,
      12,
    );
    expect(
      sample(after, "dora_failed_deployment_recovery_time_seconds", { ...w, quantile: "0.5" }),
    ).toBe(EXPECTED_AFTER_CLOSE.p50);
    expect(sample(after, "kpi_exporter_records", { kind: "incident" })).toBe(4);
  }, 120_000);
});
