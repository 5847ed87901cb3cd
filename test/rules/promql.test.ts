import { describe, expect, it } from "vitest";
import { SELF } from "../../src/vocabulary/conventions.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";
import { metricNames, parsePromQL } from "../support/promql.ts";
import { ALERTS_DIR, rulesIn } from "./helpers.ts";

// Every expression in alerts/ parses with Prometheus's own PromQL grammar, and selects
// only contract metrics, `up`, or series other rules record.

const rules = rulesIn(ALERTS_DIR);
const recorded = new Set(rules.flatMap((r) => ("record" in r ? [r.record] : [])));
const contract = new Set([...Object.values(KPI), ...Object.values(SELF)].map((m) => m.name));

describe("rule expressions", () => {
  it("covers every rule of every file", () => {
    expect(rules.length).toBe(47);
  });

  it.each(rules.map((r) => ["alert" in r ? r.alert : r.record, r.expr] as const))(
    "%s parses",
    (_name, expr) => {
      expect(parsePromQL(expr)).toEqual({ ok: true });
    },
  );

  it("selects only contract metrics, up, and recorded series", () => {
    const unknown = rules
      .flatMap((r) => metricNames(r.expr))
      .filter((name) => !contract.has(name) && !recorded.has(name) && name !== "up");
    expect(unknown).toEqual([]);
  });

  it("would notice an expression that does not parse", () => {
    expect(parsePromQL("sum by (team) (rate(x[5m])").ok).toBe(false);
  });
});
