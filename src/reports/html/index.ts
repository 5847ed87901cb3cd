import type { ReportModel } from "../model.ts";
import { reportTitle } from "../view/labels.ts";
import { appendix } from "./appendix.ts";
import { complianceSection } from "./compliance.ts";
import { dataQualitySection } from "./data-quality.ts";
import { html, trustedMarkup } from "./markup.ts";
import { policyChangesSection } from "./policy-changes.ts";
import { stakeholderSection } from "./section.ts";
import { STYLE } from "./style.ts";
import { summaryPage } from "./summary.ts";

// The quarterly report as one self-contained HTML document: inline CSS, charts as inline
// SVG drawn on the server, no script, no request to anywhere. The same model always gives
// the same bytes (generatedAt comes from the model, never from the clock).

export async function renderHtml(model: ReportModel): Promise<string> {
  const document = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kpi-exporter">
<meta name="dcterms.created" content="${model.generatedAt}">
<title>${reportTitle(model)}</title>
<style>${trustedMarkup(STYLE)}</style>
</head>
<body>
${summaryPage(model)}
${model.sections.map((section) => stakeholderSection(model, section))}
${complianceSection(model)}
${policyChangesSection(model)}
${dataQualitySection(model)}
${appendix(model)}
</body>
</html>
`;
  return document.markup;
}
