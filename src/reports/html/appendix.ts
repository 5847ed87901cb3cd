import type { ReportModel } from "../model.ts";
import { inlineMarkup } from "../view/inline-markup.ts";
import { type Html, html } from "./markup.ts";

// The KPI definitions of METRICS.md, so the report explains its own numbers.

function prose(text: string): Html {
  return html`${inlineMarkup(text).map((piece) =>
    piece.code
      ? html`<code>${piece.text}</code>`
      : piece.bold
        ? html`<strong>${piece.text}</strong>`
        : piece.text,
  )}`;
}

export function appendix(model: ReportModel): Html {
  const { clock, kpis, levels } = model.definitions;
  return html`<section class="appendix" id="definitions">
<h2>Appendix: definitions</h2>
<h3>Evaluation clock, windows and scopes</h3>
<ul>${clock.map((line) => html`<li>${prose(line)}</li>`)}</ul>
<h3>KPIs</h3>
<table class="definitions"><thead><tr><th scope="col">Metric</th><th scope="col">Unit</th><th scope="col">Formula</th></tr></thead>
<tbody>${kpis.map((kpi) => html`<tr><td class="mono">${kpi.metric}</td><td>${kpi.unit}</td><td>${prose(kpi.formula)}</td></tr>`)}</tbody></table>
<h3>DORA performance levels</h3>
<table class="levels"><thead><tr><th scope="col">Metric</th><th scope="col">Elite</th><th scope="col">High</th><th scope="col">Medium</th><th scope="col">Low</th></tr></thead>
<tbody>${levels.map((level) => html`<tr><td class="mono">${level.metric}</td><td>${level.elite}</td><td>${level.high}</td><td>${level.medium}</td><td>${level.low}</td></tr>`)}</tbody></table>
</section>`;
}
