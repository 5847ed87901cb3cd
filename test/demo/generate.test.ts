import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoServices } from "../../src/demo/catalogue.ts";
import { generateDemoEvents } from "../../src/demo/generate.ts";
import { DAY } from "../../src/demo/time.ts";
import { RECORD_KINDS } from "../../src/domain/records.ts";
import { ingestRules } from "../../src/import/ingest-rules.ts";
import { parseLine } from "../../src/import/parse-line.ts";
import { parseConfigText } from "../../src/sources/config-file.ts";

// The demo data set: deterministic, inside its time span, every kind and service
// present, unique ids, and every line accepted by the importer as it is.

const AS_OF = Date.parse("2026-06-30T09:41:17.250Z");
const lines = generateDemoEvents({ asOf: AS_OF });
const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** Every ISO instant anywhere in an event, nested lists included. */
function instants(value: unknown): string[] {
  if (typeof value === "string") return ISO_UTC.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(instants);
  if (value && typeof value === "object") return Object.values(value).flatMap(instants);
  return [];
}

const ofKind = (kind: string) => events.filter((e) => e.kind === kind);

describe("generateDemoEvents", () => {
  it("is deterministic for the same asOf and seed, and the seed changes it", () => {
    expect(generateDemoEvents({ asOf: AS_OF })).toEqual(lines);
    expect(generateDemoEvents({ asOf: AS_OF, seed: 7 })).not.toEqual(lines);
  });

  it("shifts with asOf: a week later, every production deployment is a week later", () => {
    const later = generateDemoEvents({ asOf: AS_OF + 7 * DAY }).map((l) => JSON.parse(l));
    const finishes = (list: Array<Record<string, unknown>>) =>
      list
        .filter((e) => e.kind === "deployment" && e.environment === "production")
        .map((e) => Date.parse(e.finishedAt as string));
    expect(finishes(later)).toEqual(finishes(events).map((t) => t + 7 * DAY));
  });

  it("has a few thousand to twenty thousand lines of every kind", () => {
    expect(lines.length).toBeGreaterThan(3_000);
    expect(lines.length).toBeLessThanOrEqual(20_000);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(RECORD_KINDS));
  });

  it("keeps every instant within the days before asOf, as ISO-8601 UTC", () => {
    const all = events.flatMap(instants).map((s) => Date.parse(s));
    expect(all.length).toBeGreaterThan(lines.length);
    expect(Math.max(...all)).toBeLessThanOrEqual(AS_OF);
    expect(Math.min(...all)).toBeGreaterThanOrEqual(AS_OF - 180 * DAY);
    for (const days of [3, 30]) {
      const short = generateDemoEvents({ asOf: AS_OF, days }).flatMap((l) =>
        instants(JSON.parse(l)),
      );
      const earliest = Math.min(...short.map((s) => Date.parse(s)));
      expect(earliest, `${days} days`).toBeGreaterThanOrEqual(AS_OF - days * DAY);
    }
  });

  it("covers every service of the catalogue with deployments, changes and findings", () => {
    for (const { service } of demoServices())
      for (const kind of ["deployment", "change", "vulnerability", "incident"])
        expect(
          ofKind(kind).some((e) => e.service === service.name),
          `${kind} of ${service.name}`,
        ).toBe(true);
  });

  it("gives ids unique per kind", () => {
    for (const kind of RECORD_KINDS.filter((k) => k !== "check")) {
      const ids = ofKind(kind).map((e) => e.id);
      expect(
        ids.every((id) => typeof id === "string" && id !== ""),
        kind,
      ).toBe(true);
      expect(new Set(ids).size, kind).toBe(ids.length);
    }
  });

  it("is accepted line by line by the importer with the demo config", () => {
    const config = parseConfigText(
      readFileSync(new URL("../../examples/demo.yaml", import.meta.url), "utf8"),
    );
    const rules = ingestRules(config);
    const refused = lines
      .map((line, n) => ({ n: n + 1, outcome: parseLine(line, rules) }))
      .filter(({ outcome }) => "code" in outcome);
    expect(refused.slice(0, 3)).toEqual([]);
  });
});
