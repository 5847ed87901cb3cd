import type { ReportModel } from "../model.ts";
import { complianceLine, contents, dataQualityLine } from "../view/headlines.ts";
import { reportSubtitle, reportTitle } from "../view/labels.ts";
import { kpiTiles } from "./kpis.ts";
import { type Html, html } from "./markup.ts";

// Page one: the headline KPIs, compliance and data quality in a sentence each, and what
// the rest of the report holds.

export function summaryPage(model: ReportModel): Html {
  const entries = contents(model).map(
    (entry) => html`<li><a href="#${entry.id}">${entry.title}</a></li>`,
  );
  return html`<section class="summary" id="summary">
<header><h1>${reportTitle(model)}</h1><p class="subtitle">${reportSubtitle(model)}</p></header>
<h2>Summary</h2>
${kpiTiles(model, model.summary)}
<ul class="headlines">
<li><strong>Compliance:</strong> ${complianceLine(model)}</li>
<li><strong>Data quality:</strong> ${dataQualityLine(model)}</li>
</ul>
<nav aria-label="Contents"><h2>Contents</h2><ol>${entries}</ol></nav>
</section>`;
}
