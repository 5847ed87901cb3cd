import type { Content, TableCell } from "pdfmake";
import type { NonCompliantDeployment, ReportModel } from "../model.ts";
import { complianceLine } from "../view/headlines.ts";
import { controlName, formatInstant, MISSED_GROUPS, missedName } from "../view/labels.ts";
import { dataTable, heading } from "./blocks.ts";

// Production deployments of the quarter that missed a control, and which controls: those
// where evidence showed a control failed apart from those where evidence is missing.

function table(deployments: NonCompliantDeployment[]): Content {
  const rows = deployments.map((deployment): TableCell[] => [
    { text: deployment.id },
    { text: deployment.service },
    { text: deployment.team },
    { text: formatInstant(deployment.finishedAt) },
    {
      stack: deployment.missed.map((missed) => ({
        text: [{ text: `${missedName(missed)}: `, bold: true }, missed.reason],
      })),
    },
  ]);
  return dataTable(
    [
      { title: "Deployment", width: 78 },
      { title: "Service", width: 78 },
      { title: "Team", width: 70 },
      { title: "Finished", width: 56 },
      { title: "Missed controls", width: "*" },
    ],
    rows,
  );
}

export function complianceSection(model: ReportModel): Content[] {
  const { compliance } = model;
  const controls = compliance.controls.map(controlName).join(", ") || "none";
  const groups = MISSED_GROUPS.flatMap(({ verdict, title }): Content[] => {
    const deployments = compliance.nonCompliant.filter((d) => d.verdict === verdict);
    return deployments.length ? [{ text: title, style: "h3" }, table(deployments)] : [];
  });
  const body: Content[] = groups.length
    ? groups
    : [{ text: "Every production deployment of the quarter passed its controls.", italics: true }];
  return [
    heading("Compliance", "compliance", { newPage: true }),
    { text: `${complianceLine(model)} Controls checked: ${controls}.`, margin: [0, 0, 0, 6] },
    ...body,
  ];
}
