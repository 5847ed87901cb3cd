import { describe, expect, it } from "vitest";
import { evaluationOf, planReport } from "../../src/reports/build/periods.ts";
import { monthsOf, parseQuarter, previousQuarter, quarterAt } from "../../src/reports/quarter.ts";
import { ReportRequestError } from "../../src/reports/request-error.ts";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("parseQuarter", () => {
  it("reads 2026-Q3 and its spellings as the UTC calendar quarter, end exclusive", () => {
    for (const text of ["2026-Q3", "2026q3", " 2026-q3 "]) {
      const q = parseQuarter(text);
      expect(q.id).toBe("2026-Q3");
      expect(iso(q.start)).toBe("2026-07-01T00:00:00.000Z");
      expect(iso(q.end)).toBe("2026-10-01T00:00:00.000Z");
    }
    expect(iso(parseQuarter("2026-Q4").end)).toBe("2027-01-01T00:00:00.000Z");
  });

  it("refuses anything else, naming the input", () => {
    for (const text of ["2026-Q5", "2026-Q0", "Q3-2026", "2026-3", "", "2026-Q3x"]) {
      expect(() => parseQuarter(text)).toThrow(ReportRequestError);
      expect(() => parseQuarter(text)).toThrow(`got "${text}"`);
    }
  });

  it("knows the previous quarter across a year, and each quarter's months", () => {
    expect(previousQuarter(parseQuarter("2026-Q1")).id).toBe("2025-Q4");
    expect(previousQuarter(parseQuarter("2026-Q3")).id).toBe("2026-Q2");
    const months = monthsOf(parseQuarter("2024-Q1"));
    expect(months.map((m) => m.id)).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect((months[1]?.end ?? 0) - (months[1]?.start ?? 0)).toBe(29 * 86_400_000);
    expect(quarterAt(at("2026-09-30T23:59:59.999Z")).id).toBe("2026-Q3");
    expect(quarterAt(at("2026-10-01T00:00:00Z")).id).toBe("2026-Q4");
  });
});

describe("evaluation of a period", () => {
  const q3 = parseQuarter("2026-Q3");

  it("an ended quarter: asOf its last millisecond, window its length, so exactly [start, end)", () => {
    const e = evaluationOf(q3, at("2026-11-05T00:00:00Z"));
    expect(e && iso(e.asOf)).toBe("2026-09-30T23:59:59.999Z");
    expect(e?.window).toEqual({ label: "92d", ms: 92 * 86_400_000 });
    expect(e?.toDate).toBe(false);
    // (asOf − w, asOf] holds the first instant and not the next quarter's.
    expect((e?.asOf ?? 0) - (e?.window.ms ?? 0)).toBe(q3.start - 1);
    expect(evaluationOf(parseQuarter("2024-Q1"), at("2025-01-01"))?.window.label).toBe("91d");
  });

  it("is complete at its last millisecond, to date before, and absent before it starts", () => {
    expect(evaluationOf(q3, at("2026-09-30T23:59:59.999Z"))?.toDate).toBe(false);
    const running = evaluationOf(q3, at("2026-08-01T00:00:00Z"));
    expect(running?.toDate).toBe(true);
    expect(running?.window.label).toBe("to-date");
    expect(running && iso(running.asOf)).toBe("2026-08-01T00:00:00.000Z");
    expect((running?.asOf ?? 0) - (running?.window.ms ?? 0)).toBe(q3.start - 1);
    expect(evaluationOf(q3, at("2026-06-30T23:59:59.999Z"))).toBeUndefined();
  });
});

describe("planReport", () => {
  it("an ended quarter: the previous quarter in full, every month evaluated", () => {
    const plan = planReport(parseQuarter("2026-Q3"), at("2027-01-01"));
    expect(plan.before.window.label).toBe("91d");
    expect(iso(plan.before.asOf)).toBe("2026-06-30T23:59:59.999Z");
    expect(plan.months.map((m) => m?.window.label)).toEqual(["31d", "31d", "30d"]);
    expect(plan.previousMonths.map((m) => m.window.label)).toEqual(["30d", "31d", "30d"]);
  });

  it("the running quarter: to date, against as many days of the previous quarter", () => {
    const now = at("2026-08-10T06:00:00Z");
    const plan = planReport(parseQuarter("2026-Q3"), now);
    expect(plan.current.toDate).toBe(true);
    expect(iso(plan.before.asOf)).toBe("2026-05-11T06:00:00.000Z");
    expect(plan.before.window.ms).toBe(plan.current.window.ms);
    expect(plan.months.map((m) => m?.window.label)).toEqual(["31d", "to-date", undefined]);
  });

  it("refuses a quarter that has not started, naming it and the instant", () => {
    expect(() => planReport(parseQuarter("2026-Q4"), at("2026-09-01"))).toThrow(
      /quarter 2026-Q4 starts 2026-10-01T00:00:00.000Z, after the evaluation instant 2026-09-01/,
    );
  });
});
