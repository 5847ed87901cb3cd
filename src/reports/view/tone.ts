import { type Better, kpiByName } from "../../vocabulary/kpi-catalogue.ts";
import { formatChange, type KpiRow } from "../model.ts";

// Whether a quarter-on-quarter change is good news depends on the KPI: a shorter lead time
// is, a higher cost per deployment is not (the catalogue row's `better`). Totals of cost
// have no target (as on the dashboards, decision 90): their change is shown without judgement.

export type Tone = "good" | "bad" | "neutral";
export type Arrow = "up" | "down" | "flat" | "none";

export function betterDirection(kpi: string): Better {
  return kpiByName(kpi)?.better ?? "up";
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
