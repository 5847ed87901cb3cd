// CloudEvents bodies through importBody into a real (in-memory PGlite) store: one line per
// event, the importer's checks and idempotence, incidents folded across requests.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/sources/config-file.ts";
import { importBody } from "../../../src/sources/import-events.ts";
import { testContext } from "../../import/helpers.ts";
import { AT, cdevent, cloudEvent, deployed, incident, SHA } from "./events.ts";

const CONFIG = parseConfig({
  version: "kpi-exporter/v1",
  teams: [{ name: "payments", services: [{ name: "checkout", repositories: ["acme/checkout"] }] }],
});
const batch = (...events: unknown[]) => JSON.stringify(events);

describe("importing CloudEvents", () => {
  it("numbers events by their place in the batch and reports the ignored ones", async () => {
    const ctx = await testContext(CONFIG);
    const invalid = deployed({ id: "run-2" });
    delete (invalid.context as Record<string, unknown>).timestamp;
    const ghost = deployed({ id: "run-4", kpi: { service: "ghost" } });
    const body = batch(
      cloudEvent(deployed({ id: "run-1" })),
      invalid,
      cdevent("change.reviewed.0.3.0", { id: "17", content: {} }),
      ghost,
    );
    const report = await importBody(body, ctx);
    expect(report).toMatchObject({ written: 1, ignored: 1, accepted: { deployment: 1 } });
    expect(report.rejected).toEqual([
      {
        source: "request",
        line: 2,
        kind: "deployment",
        field: "/context/timestamp",
        code: "invalid_field",
        message: "/context/timestamp: required",
      },
      expect.objectContaining({
        line: 4,
        field: "/customData/kpi/service",
        code: "unknown_service",
      }),
    ]);
    expect((await ctx.store.load()).deployments).toMatchObject([
      { id: "run-1", service: "checkout", commitSha: SHA, finishedAt: Date.parse(AT) },
    ]);
    expect(await importBody(body, ctx)).toMatchObject({ written: 0, unchanged: 1 });
  });

  it("names the CDEvent field when the importer refuses what customData.kpi set", async () => {
    const ctx = await testContext(CONFIG);
    const event = deployed({ kpi: { approvals: [{ by: "ann", at: "soon" }] } });
    const report = await importBody(JSON.stringify(event, null, 2), ctx);
    expect(report.rejected).toMatchObject([
      { line: 1, field: "/customData/kpi/approvals/0/at", code: "invalid_field" },
    ]);
  });

  it("resolves a stored incident without losing its start, in any later request", async () => {
    const ctx = await testContext(CONFIG);
    const at = (hour: string) => `2026-06-29T${hour}:00:00Z`;
    await importBody(batch(incident("detected", { at: at("09") })), ctx);
    expect(await importBody(batch(incident("resolved", { at: at("11") })), ctx)).toMatchObject({
      written: 1,
      rejected: [],
    });
    const again = await importBody(batch(incident("reported", { at: at("10") })), ctx);
    const { incidents } = await ctx.store.load();
    expect(incidents).toEqual([
      {
        id: "INC-1",
        service: "checkout",
        startedAt: Date.parse(at("09")),
        resolvedAt: Date.parse(at("11")),
        title: "checkout reported",
        url: "https://tickets.example/INC-1",
      },
    ]);
    expect(again.written).toBe(1);
  });

  it("refuses a resolution that comes before any detection, storing nothing", async () => {
    const ctx = await testContext(CONFIG);
    const report = await importBody(batch(incident("resolved")), ctx);
    expect(report.rejected).toMatchObject([
      {
        line: 1,
        kind: "incident",
        field: "/subject/id",
        message: expect.stringMatching(/resolved before it was detected/),
      },
    ]);
    expect((await ctx.store.load()).incidents).toEqual([]);
    const withStart = incident("resolved", { kpi: { startedAt: "2026-06-29T08:00:00+02:00" } });
    expect(await importBody(batch(withStart), ctx)).toMatchObject({ written: 1, rejected: [] });
  });

  it("maps change.merged through the catalogue's repositories", async () => {
    const ctx = await testContext(CONFIG);
    const merged = cdevent("change.merged.0.3.0", {
      id: "17",
      content: { repository: { id: "acme/checkout" } },
    });
    expect(await importBody(batch(merged), ctx)).toMatchObject({ accepted: { change: 1 } });
    expect((await ctx.store.load()).changes).toMatchObject([
      { id: "acme/checkout#17", service: "checkout", mergedAt: Date.parse(AT) },
    ]);
  });
});
