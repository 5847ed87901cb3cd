import { describe, expect, it } from "vitest";
import { importLines } from "../../src/import/index.ts";
import type { Store } from "../../src/store/store.ts";
import { testContext } from "./helpers.ts";

// Lines JSON accepts but the database or the engine cannot take are rejected one by one;
// the valid lines around them are stored all the same.

const deployment = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    kind: "deployment",
    id,
    service: "checkout",
    environment: "production",
    finishedAt: "2026-06-01T10:00:00Z",
    commitSha: "ABCDEF1234",
    ...extra,
  });

describe("unstorable values", () => {
  it.each([
    [
      "a NUL character",
      deployment("d-nul", { id: "d\u0000x" }),
      "id: must not contain the NUL character",
    ],
    [
      "a lone surrogate",
      `{"kind":"deployment","id":"d\\ud800","service":"checkout","environment":"production","finishedAt":"2026-06-01T10:00:00Z","commitSha":"abc"}`,
      "id: must be well-formed Unicode",
    ],
    [
      "year 0",
      deployment("d-y0", { finishedAt: "0000-01-01T00:00:00Z" }),
      "finishedAt: expected a year between 1 and 9999",
    ],
    [
      "an amount beyond 1e15",
      JSON.stringify({
        kind: "cost",
        amount: 1e308,
        currency: "EUR",
        periodStart: "2026-06-01T00:00:00Z",
        periodEnd: "2026-06-02T00:00:00Z",
        category: "cloud",
      }),
      "amount: must be between",
    ],
  ])("rejects %s on its own line and stores the valid ones", async (_name, bad, message) => {
    const ctx = await testContext();
    const report = await importLines([deployment("d1"), bad, deployment("d2")], "file.ndjson", ctx);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ line: 2, code: "invalid_field" });
    expect(report.rejected[0]?.message).toContain(message);
    expect((await ctx.store.load()).deployments.map((d) => d.id)).toEqual(["d1", "d2"]);
  });

  it("stores SHAs and check conclusions in lower case", async () => {
    const ctx = await testContext();
    const check = {
      kind: "check",
      commitSha: "ABCDEF1234",
      name: "sast",
      conclusion: "SUCCESS",
      completedAt: "2026-06-01T09:00:00Z",
    };
    await importLines([deployment("d1"), JSON.stringify(check)], "file.ndjson", ctx);
    const stored = await ctx.store.load();
    expect(stored.deployments[0]?.commitSha).toBe("abcdef1234");
    expect(stored.checks[0]).toMatchObject({ commitSha: "abcdef1234", conclusion: "success" });
  });

  it("rejects a cost row naming a control outside the contract", async () => {
    const ctx = await testContext();
    const row = {
      kind: "cost",
      amount: 1,
      currency: "EUR",
      periodStart: "2026-06-01T00:00:00Z",
      periodEnd: "2026-06-02T00:00:00Z",
      category: "ci",
      control: "anything",
    };
    const report = await importLines([JSON.stringify(row)], "file.ndjson", ctx);
    expect(report.rejected[0]).toMatchObject({ line: 1, code: "invalid_field", field: "control" });
  });
});

/** The real store, refusing records whose id starts with "poison" as PostgreSQL refuses bad data. */
function refusingStore(store: Store, code: string): Store {
  return {
    ...store,
    backend: store.backend,
    upsert: async (records) => {
      if (records.deployments?.some((d) => d.id.startsWith("poison")))
        throw Object.assign(new Error("value out of range"), { code });
      return store.upsert(records);
    },
    load: () => store.load(),
    counts: () => store.counts(),
    close: () => store.close(),
  };
}

describe("a batch the store refuses", () => {
  it("is retried record by record: only the refused line is rejected", async () => {
    const ctx = await testContext();
    const store = refusingStore(ctx.store, "22008");
    const report = await importLines(
      [deployment("d1"), deployment("poison-1"), deployment("d2")],
      "f.ndjson",
      { ...ctx, store },
    );
    expect(report.rejected).toEqual([
      expect.objectContaining({ line: 2, kind: "deployment", code: "invalid_field" }),
    ]);
    expect(report.rejected[0]?.message).toContain("refused by the store: value out of range");
    expect(report.accepted.deployment).toBe(2);
    expect((await ctx.store.load()).deployments.map((d) => d.id)).toEqual(["d1", "d2"]);
  });

  it("fails the import, naming the lines, when the store itself fails", async () => {
    const ctx = await testContext();
    const store = refusingStore(ctx.store, "08006");
    await expect(
      importLines([deployment("d1"), deployment("poison-1")], "f.ndjson", { ...ctx, store }),
    ).rejects.toThrow(/store records from f\.ndjson lines 1-2: value out of range/);
  });
});
