import type { ScopeLabels } from "../../engine/scopes.ts";
import type { ReportValue, TeamTable, TrendSeries } from "../model.ts";
import { iso } from "../quarter.ts";
import type { Evaluated } from "./evaluate.ts";
import { type KpiSpec, levelSpec, specKey } from "./kpi-specs.ts";
import type { ScopeMember, ScopePlan } from "./report-scope.ts";

// The parts of a section read from many evaluations or scopes: the team table, the
// monthly trends, and the raw long-form list of every value the report rests on.

export function teamTable(columns: readonly KpiSpec[], plan: ScopePlan, now: Evaluated): TeamTable {
  const usable = columns.filter((c) => !c.organisationOnly);
  return {
    by: plan.by,
    columns: usable.map((c) => ({
      kpi: c.def.name,
      label: c.label,
      labels: { ...c.labels },
      unit: c.unit,
    })),
    rows: plan.members.map((m) => ({
      team: m.team,
      ...(m.service !== undefined && { service: m.service }),
      values: usable.map((c) => now.samples.get(c, m.labels)),
    })),
  };
}

function points(spec: KpiSpec, scope: ScopeLabels, months: ReadonlyArray<MonthValue>) {
  return months.map(({ id, evaluated }) => ({
    month: id,
    value: evaluated ? evaluated.samples.get(spec, scope) : null,
  }));
}

export interface MonthValue {
  id: string;
  /** Undefined for a month that had not started. */
  evaluated: Evaluated | undefined;
}

export function trends(
  specs: readonly KpiSpec[],
  scope: ScopeLabels,
  months: readonly MonthValue[],
  previousMonths: readonly MonthValue[],
): TrendSeries[] {
  return specs
    .filter((spec) => !(scope.team !== undefined && spec.organisationOnly))
    .map((spec) => ({
      kpi: spec.def.name,
      label: spec.label,
      labels: { ...spec.labels },
      unit: spec.unit,
      points: points(spec, scope, months),
      previousPoints: points(spec, scope, previousMonths),
    }));
}

/** Every distinct spec, with the level series of each graded one, in first-seen order. */
export function distinctSpecs(specs: readonly KpiSpec[]): KpiSpec[] {
  const seen = new Map<string, KpiSpec>();
  for (const spec of specs) {
    for (const s of spec.level === undefined ? [spec] : [spec, levelSpec(spec)])
      if (!seen.has(specKey(s))) seen.set(specKey(s), s);
  }
  return [...seen.values()];
}

/** The long-form table: each spec at each scope in each period, where a value exists. */
export function reportValues(
  specs: readonly KpiSpec[],
  scopes: readonly ScopeMember[],
  periods: ReadonlyArray<{ id: string; evaluated: Evaluated }>,
): ReportValue[] {
  const out: ReportValue[] = [];
  for (const { id, evaluated } of periods)
    for (const member of scopes)
      for (const spec of specs) {
        if (member.scope !== "organisation" && spec.organisationOnly) continue;
        const value = evaluated.samples.get(spec, member.labels);
        if (value === null) continue;
        const labels = evaluated.samples.labelsOf(spec, {});
        out.push({
          kpi: spec.def.name,
          scope: member.scope,
          ...(member.scope !== "organisation" && { team: member.team }),
          ...(member.service !== undefined && { service: member.service }),
          labels,
          period: id,
          window: evaluated.evaluation.window.label,
          asOf: iso(evaluated.evaluation.asOf),
          value,
          unit: spec.unit,
        });
      }
  return out;
}
