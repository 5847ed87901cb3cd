import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  keepsAtLeast,
  parseRetentionPeriod,
  after as yearsAfter,
  before as yearsBefore,
} from "../../src/config/retention-period.ts";
import { SelfMetrics } from "../../src/http/self-metrics.ts";
import { silentLogger } from "../../src/logger.ts";
import { staleClauses } from "../../src/rules/stale-collectors.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import { configuredCollectors } from "../../src/sources/index.ts";
import { RETENTION_JOB } from "../../src/sources/jobs/retention.ts";
import { runCollector } from "../../src/sources/run-collector.ts";
import { openStore } from "../../src/store/open.ts";
import { ms } from "../engine/helpers.ts";
import { seedEightYears } from "./eight-years.ts";

// The retention section: its periods, what it refuses, and its run as a collector of the
// process that runs the collectors.

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const config = (retention: Record<string, unknown>) =>
  parseConfig({ version: "kpi-exporter/v1", retention });

describe("retention periods", () => {
  it("counts years by the calendar: 29 February is kept until 1 March seven years on", () => {
    const leap = ms("2024-02-29T12:00:00Z");
    expect(new Date(yearsAfter(leap, { years: 7 })).toISOString()).toBe("2031-03-01T12:00:00.000Z");
    expect(new Date(yearsBefore(ms("2026-12-01T00:00:00Z"), { years: 7 })).toISOString()).toBe(
      "2019-12-01T00:00:00.000Z",
    );
    // On 29 February everything up to the end of 28 February seven years back is past.
    expect(new Date(yearsBefore(ms("2032-02-29T10:00:00Z"), { years: 7 })).toISOString()).toBe(
      "2025-03-01T00:00:00.000Z",
    );
    expect(yearsAfter(ms("2025-03-01T00:00:00Z"), { years: 7 })).toBeGreaterThan(
      ms("2032-02-29T10:00:00Z"),
    );
    expect(yearsAfter(ms("2025-02-28T23:59:59Z"), { years: 7 })).toBeLessThanOrEqual(
      ms("2032-02-29T10:00:00Z"),
    );
    expect(parseRetentionPeriod("2555d")).toEqual({ ms: 2555 * 86_400_000 });
    expect(parseRetentionPeriod("7 years")).toBeUndefined();
  });

  it("compares mixed units by their shortest and longest years", () => {
    // Seven years hold 2555 to 2557 days.
    expect(keepsAtLeast({ years: 7 }, { ms: 2555 * 86_400_000 })).toBe(true);
    expect(keepsAtLeast({ years: 7 }, { ms: 2556 * 86_400_000 })).toBe(false);
    // At most two 29 Februaries in seven years; none in 2096-03 → 2103-03 (2100 is not leap).
    expect(keepsAtLeast({ ms: 2557 * 86_400_000 }, { years: 7 })).toBe(true);
    expect(keepsAtLeast({ ms: 2556 * 86_400_000 }, { years: 7 })).toBe(false);
    expect(keepsAtLeast({ ms: 1461 * 86_400_000 }, { years: 4 })).toBe(true);
    expect(keepsAtLeast({ years: 4 }, { ms: 1460 * 86_400_000 })).toBe(true);
    expect(keepsAtLeast({ years: 4 }, { ms: 1461 * 86_400_000 })).toBe(false);
  });

  it("defaults every period to 7y and refuses a ledger kept shorter than its records", () => {
    expect(config({}).retention).toMatchObject({
      records: { years: 7, text: "7y" },
      ledger: { years: 7, text: "7y" },
      evidence: { years: 7, text: "7y" },
    });
    expect(() => config({ records: "7y", ledger: "5y" })).toThrow(
      /retention\.ledger: expected at least/,
    );
    expect(() => config({ records: "seven" })).toThrow(/retention\.records: expected a period/);
    expect(() => config({ archive: "s3://Bad_Bucket" })).toThrow(/retention\.archive/);
  });

  it("reports a ledger kept too short beside the section's other problems", () => {
    expect(() => config({ records: "7y", ledger: "5y", interval: "30d" })).toThrow(
      /retention\.interval: expected at most 24d[\s\S]*retention\.ledger: expected at least/,
    );
    expect(() => config({ records: "7y", ledger: "5y", segment_records: 0 })).toThrow(
      /retention\.segment_records[\s\S]*retention\.ledger: expected at least/,
    );
  });
});

describe("the scheduled retention run", () => {
  it("seals and prunes as a collector, with its own staleness threshold", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kpi-retention-job-"));
    dirs.push(dir);
    const settings = config({ archive: dir, interval: "12h" });
    const [job] = configuredCollectors(settings, {});
    expect([job?.name, job?.intervalMs]).toEqual([RETENTION_JOB, 12 * 3_600_000]);
    const store = await openStore({});
    await seedEightYears(store);
    const outcome = await runCollector(job as never, {
      store,
      self: new SelfMetrics(),
      logger: silentLogger,
      now: () => ms("2026-12-01T00:00:00Z"),
    });
    const left = (await store.counts()).deployment;
    await store.close();
    expect(outcome.ok, outcome.error).toBe(true);
    // By the wall clock, whatever now() says: d1 and d2 (2018–2019) are past; d3 (2019-11)
    // stays as the predecessor of the first kept deployment.
    expect(left).toBeLessThanOrEqual(4);
    expect(JSON.stringify(staleClauses(settings))).toContain(RETENTION_JOB);
  });
});
