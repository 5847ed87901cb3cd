import type { Content, TableCell } from "pdfmake";
import type { ReportModel } from "../model.ts";
import { complianceLine } from "../view/headlines.ts";
import { controlName, formatInstant } from "../view/labels.ts";
import { dataTable, heading } from "./blocks.ts";

// Production deployments of the quarter that missed a control, and which controls.

export function complianceSection(model: ReportModel): Content[] {
  const { compliance } = model;
  const controls = compliance.controls.map(controlName).join(", ") || "none";
  const rows = compliance.nonCompliant.map((deployment): TableCell[] => [
    { text: deployment.id },
    { text: deployment.service },
    { text: deployment.team },
    { text: formatInstant(deployment.finishedAt) },
    {
      stack: deployment.missed.map((missed) => ({
        text: [{ text: `${controlName(missed.control)}: `, bold: true }, missed.reason],
      })),
    },
  ]);
  const table: Content =
    rows.length === 0
      ? { text: "Every production deployment of the quarter passed its controls.", italics: true }
      : dataTable(
          [
            { title: "Deployment", width: 78 },
            { title: "Service", width: 78 },
            { title: "Team", width: 70 },
            { title: "Finished", width: 56 },
            { title: "Missed controls", width: "*" },
          ],
          rows,
        );
  return [
    heading("Compliance", "compliance", { newPage: true }),
    { text: `${complianceLine(model)} Controls checked: ${controls}.`, margin: [0, 0, 0, 6] },
    table,
  ];
}
