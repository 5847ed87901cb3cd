// Folding the events of an incident with its stored row: whatever the order of arrival,
// the incident starts at its earliest detection and ends at its latest resolution.
import { describe, expect, it } from "vitest";
import type { Incident } from "../../../src/domain/records.ts";
import { mergeIncidents, type PlacedFact } from "../../../src/sources/cdevents/merge-incidents.ts";

const T = (hour: number) => Date.parse(`2026-06-29T${String(hour).padStart(2, "0")}:00:00Z`);
const iso = (hour: number) => new Date(T(hour)).toISOString();
const from = { id: "/subject/id", service: "/subject/content/service/id" };

const detected = (index: number, hour: number): PlacedFact => ({
  index,
  id: "INC-1",
  startedAt: T(hour),
  fields: { service: "checkout", title: "latency" },
  from,
});
const resolved = (index: number, hour: number): PlacedFact => ({
  index,
  id: "INC-1",
  resolvedAt: T(hour),
  fields: { service: "checkout" },
  from,
});
const none = new Map<string, Incident>();

describe("mergeIncidents", () => {
  it("makes one record, at the last event, whatever the order within a request", () => {
    const forward = mergeIncidents([detected(0, 9), resolved(3, 11)], none);
    const backward = mergeIncidents([resolved(0, 11), detected(3, 9)], none);
    const record = {
      kind: "incident",
      id: "INC-1",
      service: "checkout",
      title: "latency",
      startedAt: iso(9),
      resolvedAt: iso(11),
    };
    expect(forward).toEqual([{ index: 3, record, from: expect.any(Object) }]);
    expect(backward).toEqual(forward);
  });

  it("keeps the stored start when the resolution arrives later", () => {
    const stored = new Map<string, Incident>([
      ["INC-1", { id: "INC-1", service: "checkout", startedAt: T(9), severity: "high" }],
    ]);
    expect(mergeIncidents([resolved(0, 12)], stored)).toMatchObject([
      { record: { startedAt: iso(9), resolvedAt: iso(12), severity: "high" } },
    ]);
  });

  it("keeps the stored resolution when a detection is delivered again", () => {
    const stored = new Map<string, Incident>([
      ["INC-1", { id: "INC-1", service: "checkout", startedAt: T(9), resolvedAt: T(12) }],
    ]);
    expect(mergeIncidents([detected(0, 9)], stored)).toMatchObject([
      { record: { startedAt: iso(9), resolvedAt: iso(12) } },
    ]);
  });

  it("rejects a resolution with no known start at each of its events", () => {
    const outcomes = mergeIncidents([resolved(1, 12), resolved(4, 13)], none);
    expect(outcomes.map((o) => o.index)).toEqual([1, 4]);
    expect(outcomes[0]).toMatchObject({
      rejection: {
        kind: "incident",
        field: "/subject/id",
        code: "invalid_field",
        message: expect.stringMatching(/"INC-1" was resolved before it was detected/),
      },
    });
  });
});
