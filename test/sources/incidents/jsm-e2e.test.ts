import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FakeServer } from "../../support/fake-incidents/http.ts";
import { startFakeJsm } from "../../support/fake-incidents/jsm.ts";
import type { OpsAccount } from "../../support/fake-incidents/ops-model.ts";
import { startFakeOpsgenie } from "../../support/fake-incidents/opsgenie.ts";
import { closeIncD, opsAccount } from "./ops-scenario.ts";
import {
  type CliSession,
  cliSession,
  EXPECTED_AFTER_CLOSE,
  EXPECTED_FIRST,
  sample,
  TEAMS,
} from "./scenario.ts";

// Jira Service Management Operations behind the Opsgenie source: the config differs from
// Opsgenie's by the one line `api: jsm`. A fresh store reads scenario.ts from JSM alone;
// a store synced from Opsgenie and then switched keeps one record per alert.

const JSM = { cloudId: "cloud-1", email: "ops@example.com", apiToken: "atl-token" };
const ENV = { OPSGENIE_API_KEY: "og-key", JSM_EMAIL: JSM.email, JSM_API_TOKEN: JSM.apiToken };
const w = { window: "30d" };

const config = (opsgenieUrl: string, jsmUrl: string, api: "opsgenie" | "jsm") => {
  const url = api === "jsm" ? jsmUrl : opsgenieUrl;
  const apiLine = api === "jsm" ? "\n    api: jsm" : "";
  return `version: kpi-exporter/v1
sources:
  opsgenie:${apiLine}
    base_url: "${url}"
    cloud_id: ${JSM.cloudId}
    history_days: 90
${TEAMS}`;
};

const servers: FakeServer[] = [];
const sessions: CliSession[] = [];
afterAll(async () => {
  await Promise.all([...servers.map((s) => s.close()), ...sessions.map((s) => s.close())]);
});

async function jsmWith(account: OpsAccount) {
  const fake = await startFakeJsm({ ...JSM, account });
  servers.push(fake);
  return fake;
}

describe("JSM Operations alone", () => {
  let metrics = "";
  let jsm: FakeServer;
  beforeAll(async () => {
    jsm = await jsmWith(opsAccount("alert"));
    const session = await cliSession(config("http://unused.invalid", jsm.url, "jsm"), ENV);
    sessions.push(session);
    const sync = await session.cli(["sync", "--source", "opsgenie"]);
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    metrics = await session.metrics();
  }, 120_000);

  test("the same hand-computed numbers as from Opsgenie", () => {
    expect(sample(metrics, "dora_change_failure_ratio", w)).toBeCloseTo(EXPECTED_FIRST.ratio, 12);
    const q = (quantile: string) =>
      sample(metrics, "dora_failed_deployment_recovery_time_seconds", { ...w, quantile });
    // INC-B's close time comes from JSM's closeTime instant, its commit from extraProperties.
    expect(q("0.5")).toBe(EXPECTED_FIRST.p50);
    expect(q("0.9")).toBeCloseTo(EXPECTED_FIRST.p90, 6);
  });

  test("basic auth, offset/size paging by links.next under the cloud id", () => {
    const listings = jsm.requests.filter((r) => r.path === "/jsm/ops/api/cloud-1/v1/alerts");
    expect(listings.map((r) => r.query.get("offset"))).toEqual(["0", "2", "4"]);
    expect(listings[0]?.query.get("size")).toBe("100");
    const basic = `Basic ${Buffer.from(`${JSM.email}:${JSM.apiToken}`).toString("base64")}`;
    expect(jsm.requests.every((r) => r.headers.authorization === basic)).toBe(true);
  });
});

describe("switching a synced store from Opsgenie to JSM", () => {
  test("is one line of config, and the migrated alerts update their records", async () => {
    const opsgenie = await startFakeOpsgenie({ apiKey: "og-key", account: opsAccount("incident") });
    servers.push(opsgenie);
    const migrated = opsAccount("incident");
    migrated.incidents = [];
    closeIncD(migrated);
    const jsm = await jsmWith(migrated);
    const before = config(opsgenie.url, jsm.url, "opsgenie");
    const after = config(opsgenie.url, jsm.url, "jsm");
    const differing = after.split("\n").filter((line) => !before.split("\n").includes(line));
    expect(differing.filter((line) => !line.includes("base_url"))).toEqual(["    api: jsm"]);

    const session = await cliSession(before, ENV);
    sessions.push(session);
    expect((await session.cli(["sync", "--source", "opsgenie"])).code).toBe(0);
    await session.writeConfig(after);
    const switched = await session.cli(["sync", "--source", "opsgenie"]);
    expect(switched.code, switched.stderr).toBe(0);
    const metrics = await session.metrics();
    // alert-a, -b, -d read again from JSM under the same ids, incident-c kept: still 4.
    expect(sample(metrics, "kpi_exporter_records", { kind: "incident" })).toBe(4);
    expect(sample(metrics, "dora_change_failure_ratio", w)).toBeCloseTo(
      EXPECTED_AFTER_CLOSE.ratio,
      12,
    );
    expect(
      sample(metrics, "dora_failed_deployment_recovery_time_seconds", { ...w, quantile: "0.5" }),
    ).toBe(EXPECTED_AFTER_CLOSE.p50);
  }, 180_000);
});
