import type { EngineConfig } from "../config/engine-config.ts";
import type { EpochMs, RecordSet } from "../domain/records.ts";
import { handBack } from "../engine/steps.ts";
import type { CollectorFailureDay } from "../store/collector-failures.ts";
import { complianceSection } from "./build/compliance.ts";
import { dataQuality } from "./build/data-quality.ts";
import { type Evaluated, evaluate } from "./build/evaluate.ts";
import type { Evaluation, ReportPlan } from "./build/periods.ts";
import { policyChanges } from "./build/policy-changes.ts";
import { type ScopeMember, scopePlan } from "./build/report-scope.ts";
import { kpiRows } from "./build/rows.ts";
import { SUMMARY, sectionPlans } from "./build/sections.ts";
import { distinctSpecs, type MonthValue, reportValues, teamTable, trends } from "./build/tables.ts";
import { DEFINITIONS } from "./definitions/index.ts";
import type { ReportModel } from "./model.ts";
import { iso, monthsOf } from "./quarter.ts";

// Builds the report model from records with the engine's own functions: each period (the
// quarter, the previous quarter, each month) is one snapshot at the period's asOf with the
// period as its window (build/periods.ts), so every number equals what /api/v1/kpis serves
// for that window at that asOf.

export interface ReportInput {
  records: RecordSet;
  engine: EngineConfig;
  plan: ReportPlan;
  /** A team's report; the organisation's when undefined. */
  team?: string;
  /** Failed collector runs overlapping the quarter (store.collectorFailures). */
  failures: readonly CollectorFailureDay[];
  generatedAt: EpochMs;
}

export async function buildReport(input: ReportInput): Promise<ReportModel> {
  const { records, engine, plan } = input;
  // Eight engine runs: between them the event loop serves scrapes and other requests.
  const run = async (e: Evaluation): Promise<Evaluated> => {
    await handBack();
    return evaluate(records, engine, e);
  };
  const now = await run(plan.current);
  const before = await run(plan.before);
  // An unknown team is refused before the monthly runs.
  const scope = scopePlan(engine, input.team, [now.samples, before.samples]);
  const months: MonthValue[] = [];
  for (const [i, m] of monthsOf(plan.quarter).entries()) {
    const e = plan.months[i];
    months.push({ id: m.id, evaluated: e && (await run(e)) });
  }
  const previousMonths: MonthValue[] = [];
  for (const e of plan.previousMonths)
    previousMonths.push({ id: e.period.id, evaluated: await run(e) });
  const compliance = complianceSection(now, input.team);
  const sections = sectionPlans(compliance.controls);

  const main: ScopeMember =
    input.team === undefined
      ? { scope: "organisation", labels: {}, team: "" }
      : { scope: "team", labels: { team: input.team }, team: input.team };
  const periods = [
    { id: plan.quarter.id, evaluated: now },
    { id: plan.previous.id, evaluated: before },
    ...[...months, ...previousMonths].flatMap((m) =>
      m.evaluated ? [{ id: m.id, evaluated: m.evaluated }] : [],
    ),
  ];
  const allSpecs = distinctSpecs([
    ...SUMMARY,
    ...sections.flatMap((s) => [...s.kpis, ...s.trends, ...s.teamColumns]),
  ]);

  return {
    schema: "kpi-exporter/report/v1",
    quarter: {
      id: plan.quarter.id,
      start: iso(plan.quarter.start),
      end: iso(plan.quarter.end),
      previousId: plan.previous.id,
      months: monthsOf(plan.quarter).map((m) => m.id),
      toDate: plan.current.toDate,
    },
    asOf: iso(plan.current.asOf),
    generatedAt: iso(input.generatedAt),
    currency: engine.currency,
    scope: scope.scope,
    summary: kpiRows(SUMMARY, scope.main, now.samples, before.samples),
    sections: sections.map((s) => ({
      stakeholder: s.stakeholder,
      title: s.title,
      summary: s.summary,
      kpis: kpiRows(s.kpis, scope.main, now.samples, before.samples),
      trends: trends(s.trends, scope.main, months, previousMonths),
      teams: teamTable(s.teamColumns, scope, now),
    })),
    compliance,
    policyChanges: policyChanges(engine, input.team, plan.quarter, plan.current.asOf),
    dataQuality: dataQuality({ records, engine, now, team: input.team, failures: input.failures }),
    definitions: DEFINITIONS,
    values: reportValues(allSpecs, [main, ...scope.members], periods),
  };
}
