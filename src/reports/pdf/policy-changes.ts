import type { Content, TableCell } from "pdfmake";
import type { ReportModel } from "../model.ts";
import { formatInstant } from "../view/labels.ts";
import { dataTable } from "./blocks.ts";

// The compliance policy changes of the quarter, after the compliance section; nothing when
// the quarter had none.

export function policyChangesSection(model: ReportModel): Content[] {
  const changes = model.policyChanges ?? [];
  if (!changes.length) return [];
  const rows = changes.map((c): TableCell[] => [
    { text: formatInstant(c.at) },
    { text: c.scope },
    { text: c.before },
    { text: c.after },
    { text: c.rejudges ?? "from this instant on" },
  ]);
  return [
    { text: "Compliance policy changes", style: "h3" },
    dataTable(
      [
        { title: "In force from", width: 60 },
        { title: "Scope", width: 70 },
        { title: "Controls before", width: "*" },
        { title: "Controls after", width: "*" },
        { title: "Judges", width: 90 },
      ],
      rows,
    ),
  ];
}
