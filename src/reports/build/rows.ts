import type { ScopeLabels } from "../../engine/scopes.ts";
import { LEVEL_NAMES } from "../format-value.ts";
import type { KpiRow, PerformanceLevel } from "../model.ts";
import type { SampleIndex } from "./evaluate.ts";
import { type KpiSpec, levelSpec } from "./kpi-specs.ts";

// A KPI row: the quarter's value beside the previous quarter's, with the change between.

/**
 * Quarter-on-quarter change relative to the previous value: (value − previous) ÷ |previous|.
 * Nothing to compare when either is missing; from 0 to 0 is no change, and from 0 to
 * anything else has no finite relative change, so it is null too (delta still says it).
 */
export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null) return null;
  if (previous === 0) return value === 0 ? 0 : null;
  return (value - previous) / Math.abs(previous);
}

function level(spec: KpiSpec, scope: ScopeLabels, now: SampleIndex, before: SampleIndex) {
  if (spec.level === undefined) return undefined;
  const graded = levelSpec(spec);
  const value = now.get(graded, scope);
  if (value === null) return undefined;
  const name = LEVEL_NAMES[value];
  if (name === undefined) return undefined;
  const result: PerformanceLevel = {
    metric: spec.level,
    value,
    name,
    previous: before.get(graded, scope),
  };
  return result;
}

export function kpiRow(
  spec: KpiSpec,
  scope: ScopeLabels,
  now: SampleIndex,
  before: SampleIndex,
): KpiRow {
  const value = now.get(spec, scope);
  const previous = before.get(spec, scope);
  const row: KpiRow = {
    kpi: spec.def.name,
    label: spec.label,
    labels: { ...spec.labels },
    value,
    unit: spec.unit,
    previous,
    change: relativeChange(value, previous),
    delta: value === null || previous === null ? null : value - previous,
  };
  const graded = level(spec, scope, now, before);
  if (graded) row.level = graded;
  return row;
}

/** The rows of a list of specs at a scope, leaving out what the scope cannot have. */
export function kpiRows(
  specs: readonly KpiSpec[],
  scope: ScopeLabels,
  now: SampleIndex,
  before: SampleIndex,
): KpiRow[] {
  const teamScope = scope.team !== undefined;
  const rows: KpiRow[] = [];
  for (const spec of specs) {
    if (teamScope && spec.organisationOnly) continue;
    const row = kpiRow(spec, scope, now, before);
    if (spec.optional && row.value === null && row.previous === null) continue;
    rows.push(row);
  }
  return rows;
}
