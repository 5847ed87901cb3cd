import type { NonCompliantDeployment, ReportModel } from "../model.ts";
import { complianceLine } from "../view/headlines.ts";
import { controlName, formatInstant, MISSED_GROUPS, missedName } from "../view/labels.ts";
import { type Html, html } from "./markup.ts";

// Production deployments of the quarter that missed a control, and which controls: those
// where evidence showed a control failed apart from those where evidence is missing.

function table(deployments: NonCompliantDeployment[]): Html {
  const rows = deployments.map(
    (deployment) => html`<tr>
<td class="mono nowrap">${deployment.id}</td>
<td>${deployment.service}</td>
<td>${deployment.team}</td>
<td class="nowrap">${formatInstant(deployment.finishedAt)}</td>
<td><ul class="missed">${deployment.missed.map((missed) => html`<li><strong>${missedName(missed)}</strong>: ${missed.reason}</li>`)}</ul></td>
</tr>`,
  );
  return html`<table class="compliance">
<thead><tr><th scope="col">Deployment</th><th scope="col">Service</th><th scope="col">Team</th><th scope="col">Finished</th><th scope="col">Missed controls</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

export function complianceSection(model: ReportModel): Html {
  const { compliance } = model;
  const controls = compliance.controls.map(controlName).join(", ") || "none";
  const groups = MISSED_GROUPS.flatMap(({ verdict, title }) => {
    const deployments = compliance.nonCompliant.filter((d) => d.verdict === verdict);
    return deployments.length ? [html`<h3>${title}</h3>\n${table(deployments)}`] : [];
  });
  const body =
    groups.length === 0
      ? html`<p class="empty">Every production deployment of the quarter passed its controls.</p>`
      : groups;
  return html`<section class="compliance-section" id="compliance">
<h2>Compliance</h2>
<p class="lead">${complianceLine(model)} Controls checked: ${controls}.</p>
${body}
</section>`;
}
