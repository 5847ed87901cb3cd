import type { CsvRow } from "../../import/csv.ts";

// The columns of `import --format experiments` (README, "Experiment results"): one row per
// experiment and variation. A row is read into typed values here, or refused naming the
// column; pairing rows into results happens in csv-results.ts.

export const REQUIRED = [
  "experiment",
  "variation",
  "control",
  "currency",
  "users",
  "numerator",
] as const;
export const OPTIONAL = [
  "change",
  "denominator",
  "ci_low",
  "ci_high",
  "metric",
  "srm_p_value",
] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

export interface VariationRow {
  line: number;
  experiment: string;
  variation: string;
  control: boolean;
  change?: string;
  currency: string;
  users: number;
  numerator: number;
  /** Units the mean is per; users when the file gives none. */
  denominator: number;
  ciLow?: number;
  ciHigh?: number;
  metric?: string;
  srm?: number;
}

export interface RowProblem {
  line: number;
  field?: string;
  message: string;
}

const BOOLEAN = new Map([
  ["true", true],
  ["yes", true],
  ["1", true],
  ["false", false],
  ["no", false],
  ["0", false],
]);
// A dot for decimals, an optional exponent: no thousands separators, no locale commas.
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Column name → index, or the first required column the header lacks. */
export function readHeader(header: CsvRow): Map<Column, number> | RowProblem {
  const index = new Map<Column, number>();
  header.fields.forEach((name, i) => {
    const column = name.trim().toLowerCase() as Column;
    if (
      (REQUIRED as readonly string[]).includes(column) ||
      (OPTIONAL as readonly string[]).includes(column)
    )
      if (!index.has(column)) index.set(column, i);
  });
  const missing = REQUIRED.find((c) => !index.has(c));
  if (missing)
    return {
      line: header.line,
      field: missing,
      message: `missing column ${missing}; the header needs ${REQUIRED.join(", ")}`,
    };
  return index;
}

export function readRow(row: CsvRow, header: Map<Column, number>): VariationRow | RowProblem {
  const text = (c: Column) => (row.fields[header.get(c) ?? -1] ?? "").trim();
  const problem = (field: Column, message: string): RowProblem => ({
    line: row.line,
    field,
    message: `${field}: ${message}`,
  });
  const number = (c: Column, min = Number.NEGATIVE_INFINITY): number | RowProblem | undefined => {
    const value = text(c);
    if (value === "") return undefined;
    if (!NUMBER.test(value))
      return problem(c, `expected a number with a dot for decimals, got ${JSON.stringify(value)}`);
    const n = Number(value);
    return n < min ? problem(c, `must be at least ${min}`) : n;
  };
  for (const c of ["experiment", "variation"] as const) if (!text(c)) return problem(c, "required");
  const control = BOOLEAN.get(text("control").toLowerCase());
  if (control === undefined) return problem("control", "expected true or false");
  const currency = text("currency").toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    return problem("currency", "expected an ISO 4217 code such as EUR");
  const values: Partial<Record<Column, number>> = {};
  for (const [c, min] of [
    ["users", 0],
    ["numerator", undefined],
    ["denominator", 0],
    ["ci_low", undefined],
    ["ci_high", undefined],
    ["srm_p_value", 0],
  ] as const) {
    const n = number(c, min);
    if (typeof n === "object") return n;
    if (n !== undefined) values[c] = n;
  }
  if (values.users === undefined) return problem("users", "required");
  if (values.numerator === undefined) return problem("numerator", "required");
  const denominator = values.denominator ?? values.users;
  if (!(denominator > 0))
    return problem(
      values.denominator === undefined ? "users" : "denominator",
      "must be above 0: the mean is per unit",
    );
  if ((values.ci_low === undefined) !== (values.ci_high === undefined))
    return problem(
      values.ci_low === undefined ? "ci_low" : "ci_high",
      "give both bounds or neither",
    );
  return {
    line: row.line,
    experiment: text("experiment"),
    variation: text("variation"),
    control,
    ...(text("change") && { change: text("change") }),
    currency,
    users: values.users,
    numerator: values.numerator,
    denominator,
    ...(values.ci_low !== undefined && { ciLow: values.ci_low, ciHigh: values.ci_high }),
    ...(text("metric") && { metric: text("metric") }),
    ...(values.srm_p_value !== undefined && { srm: values.srm_p_value }),
  };
}
