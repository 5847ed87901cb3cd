import type { KpiRow, ReportModel } from "../model.ts";
import { changeBadge, levelBadge, previousValue, value } from "./badges.ts";
import { type Html, html } from "./markup.ts";

// KPI rows as a table (in a stakeholder's section) or as tiles (on the summary page).

export function kpiTable(model: ReportModel, rows: KpiRow[]): Html {
  const { quarter, currency } = model;
  const hasLevels = rows.some((row) => row.level);
  const body = rows.map(
    (row) => html`<tr>
<th scope="row">${row.label}</th>
<td class="num">${value(row, currency)}</td>
<td class="num previous">${previousValue(row, currency)}</td>
<td class="num">${changeBadge(row)}</td>
${hasLevels ? html`<td>${levelBadge(row.level)}</td>` : ""}
</tr>`,
  );
  return html`<table class="kpis">
<thead><tr><th scope="col">KPI</th><th scope="col" class="num">${quarter.id}</th><th scope="col" class="num">${quarter.previousId}</th><th scope="col" class="num">Change</th>${hasLevels ? html`<th scope="col">DORA level</th>` : ""}</tr></thead>
<tbody>${body}</tbody>
</table>`;
}

export function kpiTiles(model: ReportModel, rows: KpiRow[]): Html {
  const { quarter, currency } = model;
  const tiles = rows.map(
    (row) => html`<div class="tile">
<div class="tile-label">${row.label}</div>
<div class="tile-value">${value(row, currency)}</div>
<div class="tile-change">${changeBadge(row)} ${levelBadge(row.level)}</div>
<div class="tile-previous">${quarter.previousId}: ${previousValue(row, currency)}</div>
</div>`,
  );
  return html`<div class="tiles">${tiles}</div>`;
}
