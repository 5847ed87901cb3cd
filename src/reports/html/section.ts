import { sectionCharts } from "../charts/index.ts";
import {
  formatValue,
  type ReportModel,
  type StakeholderSection,
  type TeamTable,
} from "../model.ts";
import { sectionHeading, sectionId } from "../view/headlines.ts";
import { kpiTable } from "./kpis.ts";
import { type Html, html, trustedMarkup } from "./markup.ts";

// One stakeholder's section: the quarter's KPIs against the previous quarter, the monthly
// trends as inline SVG, and the same KPIs per team (or per service in a team's report).

export function teamTable(model: ReportModel, table: TeamTable): Html {
  if (table.rows.length === 0) return html`<p class="empty">No team has data this quarter.</p>`;
  const first = table.by === "team" ? "Team" : "Service";
  const rows = table.rows.map(
    (row) =>
      html`<tr><th scope="row">${row.service ?? row.team}</th>${row.values.map(
        (value, index) =>
          html`<td class="num">${formatValue(value, table.columns[index]?.unit ?? "count", model.currency)}</td>`,
      )}</tr>`,
  );
  return html`<table class="teams">
<thead><tr><th scope="col">${first}</th>${table.columns.map((column) => html`<th scope="col" class="num">${column.label}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function charts(model: ReportModel, section: StakeholderSection): Html {
  const rendered = sectionCharts(model, section);
  if (rendered.length === 0) return html``;
  return html`<h3>Monthly trends</h3>
<div class="charts">${rendered.map((chart) => html`<figure class="chart">${trustedMarkup(chart.svg)}</figure>`)}</div>`;
}

export function stakeholderSection(model: ReportModel, section: StakeholderSection): Html {
  const byWhat = section.teams.by === "team" ? "By team" : "By service";
  return html`<section class="stakeholder" id="${sectionId(section.stakeholder)}">
<h2>${sectionHeading(section)}</h2>
<p class="lead">${section.summary}</p>
${kpiTable(model, section.kpis)}
${charts(model, section)}
<h3>${byWhat}</h3>
${teamTable(model, section.teams)}
</section>`;
}
