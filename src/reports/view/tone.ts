import { KPI } from "../../vocabulary/conventions.ts";
import { formatChange, type KpiRow } from "../model.ts";

// Whether a quarter-on-quarter change is good news depends on the KPI: a shorter lead time
// is, a higher cost per deployment is not. Totals of cost have no target (as on the
// dashboards, decision 90): their change is shown without judgement.

export type Better = "up" | "down" | "neutral";
export type Tone = "good" | "bad" | "neutral";
export type Arrow = "up" | "down" | "flat" | "none";

const LOWER_IS_BETTER = new Set<string>([
  KPI.leadTime.name,
  KPI.changeFailureRatio.name,
  KPI.recoveryTime.name,
  KPI.reworkRatio.name,
  KPI.featureToMarket.name,
  KPI.costPerDeployment.name,
  KPI.costPerChange.name,
  KPI.remediationTime.name,
  KPI.vulnerabilitiesOpen.name,
  KPI.vulnerabilitiesOverdue.name,
]);

const NO_TARGET = new Set<string>([KPI.cost.name, KPI.controlCost.name]);

export function betterDirection(kpi: string): Better {
  if (LOWER_IS_BETTER.has(kpi)) return "down";
  if (NO_TARGET.has(kpi)) return "neutral";
  return "up";
}

export interface ChangeView {
  /** "+12.5%", "−2.1 pp", "—". */
  text: string;
  arrow: Arrow;
  tone: Tone;
  /** For screen readers and the PDF's text: "up, worse". */
  words: string;
}

export function changeView(row: Pick<KpiRow, "kpi" | "unit" | "change" | "delta">): ChangeView {
  const text = formatChange(row);
  if (row.delta === null || text === "—")
    return { text, arrow: "none", tone: "neutral", words: "" };
  if (row.delta === 0) return { text, arrow: "flat", tone: "neutral", words: "unchanged" };
  const arrow = row.delta > 0 ? "up" : "down";
  const better = betterDirection(row.kpi);
  const tone: Tone = better === "neutral" ? "neutral" : better === arrow ? "good" : "bad";
  const judgement = tone === "good" ? ", better" : tone === "bad" ? ", worse" : "";
  return { text, arrow, tone, words: `${arrow}${judgement}` };
}
