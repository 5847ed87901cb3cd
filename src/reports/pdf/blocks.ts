import type { Content, CustomTableLayout, TableCell } from "pdfmake";
import { formatValue, type KpiRow, LEVEL_NAMES, type PerformanceLevel } from "../model.ts";
import { LEVEL_COLOURS, TONE_COLOURS } from "../view/labels.ts";
import { changeView } from "../view/tone.ts";

// Pieces every part of the PDF uses: the table look, header rows, the change with its
// coloured arrow, the DORA level badge. Colours and words are those of the HTML.

/** A pdfmake text node (the type is not exported by name). */
type ContentText = Extract<Content, { text: unknown }>;

/** One element of a pdfmake `columns` list (the type is not exported by name). */
export type PdfColumn = Extract<Content, { columns: unknown }>["columns"][number];

export const COLOURS = { muted: "#5b6270", accent: "#2f5d9e", rule: "#d9dde5" } as const;

const LAYOUT: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 ? 0 : i === node.table.headerRows ? 1 : 0.5),
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === node.table.headerRows ? "#b9c1cf" : COLOURS.rule),
  fillColor: (row, node) => (row < (node.table.headerRows ?? 0) ? "#eef1f6" : null),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

export interface Column {
  title: string;
  width: number | "*" | "auto";
  numeric?: boolean;
}

/**
 * A table whose header row repeats on every page it runs onto; a row never splits, so a
 * deployment's missed controls stay next to its id.
 */
export function dataTable(columns: Column[], rows: TableCell[][]): Content {
  const header = columns.map(
    (column): TableCell => ({
      text: column.title,
      bold: true,
      alignment: column.numeric ? "right" : "left",
    }),
  );
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: columns.map((column) => column.width),
      body: [header, ...rows],
    },
    layout: LAYOUT,
    margin: [0, 2, 0, 10],
  };
}

export function numberCell(text: string, extra: { color?: string } = {}): TableCell {
  return { text, alignment: "right", ...extra };
}

const ARROWS = { up: "M5 1L9.5 9H0.5Z", down: "M5 9L9.5 1H0.5Z", flat: "M1 3.5H9V6.5H1Z" };

export function changeCell(row: KpiRow, align: "left" | "right" = "right"): Content {
  const view = changeView(row);
  const color = TONE_COLOURS[view.tone];
  const bold = view.arrow !== "none";
  if (view.arrow === "none") return { text: view.text, color, alignment: align };
  const text: PdfColumn = { text: view.text, color, bold, width: "auto" };
  const arrow = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"><path d="${ARROWS[view.arrow]}" fill="${color}"/></svg>`;
  const parts: PdfColumn[] = [{ svg: arrow, width: 6, margin: [0, 2, 0, 0] }, text];
  return {
    columns: align === "right" ? [{ text: "", width: "*" }, ...parts] : parts,
    columnGap: 2,
  };
}

export function levelText(level: PerformanceLevel | undefined): ContentText {
  if (!level) return { text: "" };
  const previous = level.previous === null ? undefined : LEVEL_NAMES[level.previous];
  const was = previous && previous !== level.name ? ` was ${previous}` : "";
  return {
    text: [
      {
        text: `\u00a0${level.name}\u00a0`,
        color: "#ffffff",
        background: LEVEL_COLOURS[level.name],
        bold: true,
      },
      { text: was, color: COLOURS.muted },
    ],
  };
}

export function valueText(row: Pick<KpiRow, "value" | "unit">, currency: string): string {
  return formatValue(row.value, row.unit, currency);
}

export function heading(text: string, id: string, options: { newPage: boolean }): Content {
  return {
    text,
    id,
    style: "h2",
    tocItem: true,
    ...(options.newPage ? { pageBreak: "before" as const } : {}),
  };
}
