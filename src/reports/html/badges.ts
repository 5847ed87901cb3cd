import { formatValue, type KpiRow, LEVEL_NAMES, type PerformanceLevel } from "../model.ts";
import { changeView } from "../view/tone.ts";
import { type Html, html } from "./markup.ts";

// The small pieces a KPI shows wherever it appears: its value, its change with an arrow
// coloured by whether that direction is good for this KPI, and its DORA level.

const ARROW_PATHS = { up: "M5 1L9.5 9H0.5Z", down: "M5 9L9.5 1H0.5Z", flat: "M1 3.5H9V6.5H1Z" };

export function changeBadge(row: KpiRow): Html {
  const view = changeView(row);
  if (view.arrow === "none") return html`<span class="change tone-neutral">${view.text}</span>`;
  return html`<span class="change tone-${view.tone}"><svg class="arrow" viewBox="0 0 10 10" aria-hidden="true"><path d="${ARROW_PATHS[view.arrow]}"/></svg>${view.text}<span class="visually-hidden"> (${view.words})</span></span>`;
}

export function levelBadge(level: PerformanceLevel | undefined): Html {
  if (!level) return html``;
  const previous = level.previous === null ? undefined : LEVEL_NAMES[level.previous];
  const was =
    previous && previous !== level.name ? html` <span class="was">was ${previous}</span>` : "";
  return html`<span class="level level-${level.name}">${level.name}</span>${was}`;
}

export function value(row: Pick<KpiRow, "value" | "unit">, currency: string): string {
  return formatValue(row.value, row.unit, currency);
}

export function previousValue(row: KpiRow, currency: string): string {
  return formatValue(row.previous, row.unit, currency);
}
