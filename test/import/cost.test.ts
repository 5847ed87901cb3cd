import { expect, test } from "vitest";
import { attributeCost, importLines } from "../../src/import/index.ts";
import { FULL_LINES } from "./full-lines.ts";
import { testConfig, testContext } from "./helpers.ts";

// Cost at ingest: attribution by catalogue selectors, currency conversion, and the
// digest identity that makes re-imports idempotent.

const config = testConfig();
const { id: _id, service: _service, tags: _tags, ...unattributed } = FULL_LINES.cost;

test("attribution: an explicit service wins over any selector", () => {
  const row = { service: "plain", tags: { app: "checkout", env: "prod" } };
  expect(attributeCost(row, config)).toBe("plain");
});

test("attribution: every listed tag must be equal", () => {
  expect(attributeCost({ tags: { app: "checkout", env: "prod", x: "y" } }, config)).toBe(
    "checkout",
  );
  expect(attributeCost({ tags: { app: "checkout" } }, config)).toBeUndefined();
  expect(attributeCost({ tags: { app: "checkout", env: "dev" } }, config)).toBeUndefined();
});

test("attribution: by sub-account, by resource prefix, else unattributed", () => {
  expect(attributeCost({ subAccountId: "acct-billing" }, config)).toBe("billing");
  expect(attributeCost({ resourceId: "arn:aws:ec2:runner-42" }, config)).toBe("runners");
  expect(attributeCost({ resourceId: "arn:aws:ec2:web-1", subAccountId: "other" }, config)).toBe(
    undefined,
  );
  expect(attributeCost({}, config)).toBeUndefined();
});

test("attribution: the first matching service in config order wins", () => {
  const overlapping = testConfig({
    teams: [
      { name: "a", services: [{ name: "first", cost_selectors: { sub_accounts: ["shared"] } }] },
      { name: "b", services: [{ name: "second", cost_selectors: { sub_accounts: ["shared"] } }] },
      { name: "c", services: [{ name: "catch-all", cost_selectors: { tags: {} } }] },
    ],
  });
  expect(attributeCost({ subAccountId: "shared" }, overlapping)).toBe("first");
  // An empty selector is not a wildcard.
  expect(attributeCost({ tags: { any: "thing" } }, overlapping)).toBeUndefined();
});

test("import attributes rows without a service and keeps unmatched ones unattributed", async () => {
  const ctx = await testContext();
  const rows = [
    { ...unattributed, tags: { app: "checkout", env: "prod" } },
    { ...unattributed, subAccountId: "acct-billing" },
    { ...unattributed, resourceId: "arn:aws:ec2:runner-7" },
    { ...unattributed, resourceId: "arn:aws:s3:logs" },
    { ...unattributed, service: "plain", subAccountId: "acct-billing" },
  ];
  const report = await importLines(
    rows.map((r) => JSON.stringify(r)),
    "costs",
    ctx,
  );
  expect(report.accepted.cost).toBe(5);
  const services = (await ctx.store.load()).costs.map((c) => c.service ?? "(none)").sort();
  expect(services).toEqual(["(none)", "billing", "checkout", "plain", "runners"]);
});

test("converts other currencies with currency_rates and keeps the original", async () => {
  const ctx = await testContext();
  const rows = [
    { ...FULL_LINES.cost, id: "usd", amount: 120, currency: "usd" },
    { ...FULL_LINES.cost, id: "eur", amount: 0.1, currency: "EUR" },
  ];
  await importLines(
    rows.map((r) => JSON.stringify(r)),
    "costs",
    ctx,
  );
  const costs = (await ctx.store.load()).costs;
  expect(costs.map((c) => [c.id, c.amount, c.originalAmount, c.originalCurrency])).toEqual([
    ["eur", 0.1, 0.1, "EUR"],
    ["usd", 60, 120, "USD"],
  ]);
});

test("a row without id gets a digest identity independent of how times are written", async () => {
  const ctx = await testContext();
  const shifted = { ...unattributed, periodStart: "2026-03-01T01:00:00+01:00" };
  const other = { ...unattributed, amount: 121 };
  const lines = [unattributed, shifted, other].map((r) => JSON.stringify(r));
  const report = await importLines(lines, "costs", ctx);
  expect(report).toMatchObject({ written: 2, unchanged: 1 });
  const ids = (await ctx.store.load()).costs.map((c) => c.id);
  expect(ids).toHaveLength(2);
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
});

test("re-importing after a catalogue change re-attributes the same row", async () => {
  const ctx = await testContext();
  const line = JSON.stringify({ ...unattributed, subAccountId: "acct-new" });
  await importLines([line], "costs", ctx);
  const teams = [
    { name: "t", services: [{ name: "plain", cost_selectors: { sub_accounts: ["acct-new"] } }] },
  ];
  const report = await importLines([line], "costs", { ...ctx, config: testConfig({ teams }) });
  expect(report.written).toBe(1);
  const costs = (await ctx.store.load()).costs;
  expect(costs.map((c) => c.service)).toEqual(["plain"]);
});
