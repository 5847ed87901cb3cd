// Figures of the freshness benchmark: percentiles, units, and the closing table of every
// figure next to its target. Measured values are printed as they come, and collected
// here so the table at the end can be read without the log above it.

export interface Figure {
  figure: string;
  where: string;
  measured: string;
  target: string;
}

const figures: Figure[] = [];

/** Nearest-rank percentile; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const ms = (value: number | undefined) =>
  value === undefined
    ? "n/a"
    : value >= 10_000
      ? `${(value / 1000).toFixed(1)} s`
      : `${value.toFixed(0)} ms`;
export const mb = (value: number) => `${value.toFixed(0)} MB`;
export const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? "n/a" : `${(a / b).toFixed(2)}×`;

/** Prints one figure now and keeps it for the table. */
export function figure(f: Figure): void {
  figures.push(f);
  console.log(`${f.figure} [${f.where}]: ${f.measured} (target ${f.target})`);
}

export function printTable(): void {
  const rows = [
    { figure: "figure", where: "scale, backend", measured: "measured", target: "target" },
  ];
  rows.push(...figures);
  const widths = (["figure", "where", "measured"] as const).map((key) =>
    Math.max(...rows.map((row) => row[key].length)),
  );
  const line = (row: Figure) =>
    [row.figure, row.where, row.measured]
      .map((cell, n) => cell.padEnd(widths[n] as number))
      .concat(row.target)
      .join(" | ");
  console.log(`\nfreshness figures\n${line(rows[0] as Figure)}`);
  console.log(
    widths
      .map((w) => "-".repeat(w))
      .concat("------")
      .join("-|-"),
  );
  for (const row of figures) console.log(line(row));
}
