import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// An independent reading of a FOCUS CSV for the tests' expected figures: a plain
// character-by-character CSV parser (the importer's scanner works differently, by
// indexOf and chunks) and sums written out with no code shared with the importer.

export const SAMPLE = fileURLToPath(
  new URL("../../fixtures/focus/focus-1.0-sample.csv", import.meta.url),
);

/** Every record of a CSV text as an object keyed by the header's names. */
export function csvObjects(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n") {
      record.push(field.replace(/\r$/, ""));
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  const [header = [], ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""])));
}

export const sampleRows = () => csvObjects(readFileSync(SAMPLE, "utf8"));

/** The sample's catalogue, one selector kind per service, checked in catalogue order. */
export function sampleService(row: Record<string, string>): string | undefined {
  const tags = row.Tags === "NULL" ? {} : (JSON.parse(row.Tags ?? "{}") as Record<string, string>);
  if (tags.application === "BrightPathMatrix") return "pathmatrix";
  if (row.SubAccountId === "11353890204") return "atlas";
  if (row.ResourceId?.startsWith("arn:ats:sqs:")) return "queues";
  return undefined;
}

export const SAMPLE_CATALOGUE = [
  {
    name: "finops",
    services: [
      { name: "pathmatrix", cost_selectors: { tags: { application: "BrightPathMatrix" } } },
      { name: "atlas", cost_selectors: { sub_accounts: ["11353890204"] } },
      { name: "queues", cost_selectors: { resource_prefixes: ["arn:ats:sqs:"] } },
    ],
  },
];

/** Sum of EffectiveCost over the rows that pass the filter. */
export function effectiveCost(
  rows: Record<string, string>[],
  keep: (row: Record<string, string>) => boolean = () => true,
): number {
  return rows.filter(keep).reduce((sum, row) => sum + Number(row.EffectiveCost), 0);
}
