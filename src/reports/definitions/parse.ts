import type { Definitions, KpiDefinition, LevelDefinition } from "../model.ts";

// Reads the report appendix out of METRICS.md: the bullets of "Evaluation clock, windows
// and scopes", the KPI table and the performance-level table. The exporter ships a checked-in
// extract (definitions.json) because METRICS.md is not part of the installed package; a
// test parses METRICS.md again and fails when the two differ.

/** The lines of a `## Title` or `### Title` section, up to the next heading of that level or above. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`METRICS.md: no section "${heading}"`);
  const level = heading.indexOf(" ");
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const depth = /^(#+) /.exec(line)?.[1]?.length;
    if (depth !== undefined && depth <= level) break;
    out.push(line);
  }
  return out;
}

function bullets(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.startsWith("- ")) out.push(line.slice(2).trim());
    else if (/^\s+\S/.test(line) && out.length) out[out.length - 1] += ` ${line.trim()}`;
  }
  return out;
}

/** The body rows of the first pipe table in the lines, as trimmed cells. */
function table(lines: readonly string[], where: string): string[][] {
  const first = lines.findIndex((line) => line.trim().startsWith("|"));
  const end = lines.findIndex((line, i) => i > first && !line.trim().startsWith("|"));
  const rows = first < 0 ? [] : lines.slice(first, end < 0 ? undefined : end);
  if (rows.length < 3) throw new Error(`METRICS.md: no table under "${where}"`);
  return rows.slice(2).map((row) =>
    row
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((cell) => cell.trim()),
  );
}

const unquote = (cell: string) => cell.replace(/^`(.*)`$/, "$1");

export function parseDefinitions(markdown: string): Definitions {
  const clock = bullets(section(markdown, "## Evaluation clock, windows and scopes"));
  const kpis = table(section(markdown, "## KPIs"), "KPIs").map(
    ([metric = "", unit = "", formula = ""]): KpiDefinition => ({
      metric: unquote(metric),
      unit,
      formula,
    }),
  );
  const levelsHeading = markdown
    .split(/\r?\n/)
    .find((line) => line.startsWith("### Performance levels"));
  if (!levelsHeading) throw new Error('METRICS.md: no section "### Performance levels"');
  const levels = table(section(markdown, levelsHeading), "Performance levels").map(
    ([metric = "", elite = "", high = "", medium = "", low = ""]): LevelDefinition => ({
      metric: metric.replace(/`/g, ""),
      elite,
      high,
      medium,
      low,
    }),
  );
  return { clock, kpis, levels };
}
