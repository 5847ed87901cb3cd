import { formatValue, type ReportModel } from "../model.ts";
import { formatInstant } from "../view/labels.ts";
import { type Html, html } from "./markup.ts";

// What the numbers may be missing: cost no service carries, catalogue services that sent
// nothing, and sources whose collection failed during the quarter.

export function dataQualitySection(model: ReportModel): Html {
  const quality = model.dataQuality;
  const share = formatValue(quality.unattributedCostShare, "ratio", model.currency);
  const amount = formatValue(quality.unattributedCost, "currency", model.currency);
  const services =
    quality.servicesWithoutData.length === 0
      ? html`<p class="empty">Every catalogue service has data this quarter.</p>`
      : html`<table class="services"><thead><tr><th scope="col">Team</th><th scope="col">Service</th></tr></thead>
<tbody>${quality.servicesWithoutData.map((item) => html`<tr><td>${item.team}</td><td>${item.service}</td></tr>`)}</tbody></table>`;
  const sources =
    quality.failedSources.length === 0
      ? html`<p class="empty">No source failed during the quarter.</p>`
      : html`<table class="sources"><thead><tr><th scope="col">Source</th><th scope="col" class="num">Failed runs</th><th scope="col">Last failure</th><th scope="col">Last error</th></tr></thead>
<tbody>${quality.failedSources.map((source) => html`<tr><td class="mono">${source.collector}</td><td class="num">${source.failedRuns}</td><td class="nowrap">${formatInstant(source.lastFailureAt)}</td><td>${source.lastError}</td></tr>`)}</tbody></table>`;
  return html`<section class="data-quality" id="data-quality">
<h2>Data quality</h2>
<p class="lead">Unattributed cost: <strong>${share}</strong> of the quarter's cost (${amount}).</p>
<h3>Services without data</h3>
${services}
<h3>Sources that failed during the quarter</h3>
${sources}
${quality.notes.length > 0 ? html`<h3>Notes</h3><ul>${quality.notes.map((note) => html`<li>${note}</li>`)}</ul>` : ""}
</section>`;
}
