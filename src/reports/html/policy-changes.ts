import type { ReportModel } from "../model.ts";
import { formatInstant } from "../view/labels.ts";
import { type Html, html } from "./markup.ts";

// The compliance policy changes of the quarter: when, for whom, controls before and after.
// Shown only when there was one, so a quarter without changes reads as before.

export function policyChangesSection(model: ReportModel): Html | string {
  const changes = model.policyChanges ?? [];
  if (!changes.length) return "";
  const rows = changes.map(
    (c) => html`<tr>
<td class="nowrap">${formatInstant(c.at)}</td>
<td>${c.scope}</td>
<td class="mono">${c.before}</td>
<td class="mono">${c.after}</td>
<td>${c.rejudges ?? "from this instant on"}</td>
</tr>`,
  );
  return html`<section class="compliance-section" id="policy-changes">
<h2>Compliance policy changes</h2>
<table class="compliance">
<thead><tr><th scope="col">In force from</th><th scope="col">Scope</th><th scope="col">Controls before</th><th scope="col">Controls after</th><th scope="col">Judges</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</section>`;
}
