import type { ReportModel } from "../model.ts";
import { complianceLine } from "../view/headlines.ts";
import { controlName, formatInstant } from "../view/labels.ts";
import { type Html, html } from "./markup.ts";

// Production deployments of the quarter that missed a control, and which controls.

export function complianceSection(model: ReportModel): Html {
  const { compliance } = model;
  const controls = compliance.controls.map(controlName).join(", ") || "none";
  const rows = compliance.nonCompliant.map(
    (deployment) => html`<tr>
<td class="mono nowrap">${deployment.id}</td>
<td>${deployment.service}</td>
<td>${deployment.team}</td>
<td class="nowrap">${formatInstant(deployment.finishedAt)}</td>
<td><ul class="missed">${deployment.missed.map((missed) => html`<li><strong>${controlName(missed.control)}</strong>: ${missed.reason}</li>`)}</ul></td>
</tr>`,
  );
  const table =
    rows.length === 0
      ? html`<p class="empty">Every production deployment of the quarter passed its controls.</p>`
      : html`<table class="compliance">
<thead><tr><th scope="col">Deployment</th><th scope="col">Service</th><th scope="col">Team</th><th scope="col">Finished</th><th scope="col">Missed controls</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
  return html`<section class="compliance-section" id="compliance">
<h2>Compliance</h2>
<p class="lead">${complianceLine(model)} Controls checked: ${controls}.</p>
${table}
</section>`;
}
