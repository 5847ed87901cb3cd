import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { ConfigFile } from "../src/config/schema.ts";
import { randomStream } from "../src/demo/random.ts";
import { parseConfig } from "../src/sources/config-file.ts";

// A large FOCUS 1.0 export for the benchmark, written to disk as a stream: the 1,000 real
// rows of the FinOps Foundation sample are the templates (every column, as long as real
// rows are), with the amount, charge hour, tags, sub-account and resource varied so the
// importer sees September's 30 days × 24 hours, 600 applications (500 in the catalogue),
// 20,000 resources and a euro row in a hundred.

const SAMPLE = fileURLToPath(
  new URL("../test/fixtures/focus/focus-1.0-sample.csv", import.meta.url),
);
const SERVICES = 500;
const PER_TEAM = 10;

/** Splits a CSV line into its fields, keeping each field's quoting as written. */
function rawFields(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
    .map((m) => m[1] as string)
    .slice(0, -1);
}

export function benchFocusConfig(): ConfigFile {
  const teams = Array.from({ length: SERVICES / PER_TEAM }, (_, t) => ({
    name: `team-${t}`,
    services: Array.from({ length: PER_TEAM }, (_, s) => {
      const n = t * PER_TEAM + s;
      const selectors: Record<string, unknown> = { tags: { application: `app-${n}` } };
      if (s === 0) selectors.sub_accounts = [`sub-${t}`];
      if (s === 1) selectors.resource_prefixes = [`arn:aws:ec2:eu-west-1:${t}:instance/`];
      return { name: `svc-${n}`, cost_selectors: selectors };
    }),
  }));
  return parseConfig({
    version: "kpi-exporter/v1",
    currency: "USD",
    currency_rates: { EUR: 1.25 },
    teams,
  });
}

export interface GeneratedExport {
  rows: number;
  bytes: number;
  /** Sum of the amounts converted to USD, as the importer must find it. */
  totalUsd: number;
}

const VARIED = [
  "BillingCurrency",
  "ChargePeriodEnd",
  "ChargePeriodStart",
  "EffectiveCost",
  "ResourceId",
  "SubAccountId",
  "Tags",
] as const;
type Varied = (typeof VARIED)[number];

/** A template row as the text around the varied cells, which sit at `positions` (ascending). */
function segmentsOf(fields: string[], positions: number[]): string[] {
  const segments: string[] = [];
  let from = 0;
  for (const [k, position] of positions.entries()) {
    const between = fields
      .slice(from, position)
      .map((f) => `${f},`)
      .join("");
    segments.push(k === 0 ? between : `,${between}`);
    from = position + 1;
  }
  segments.push(
    fields
      .slice(from)
      .map((f) => `,${f}`)
      .join(""),
  );
  return segments;
}

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

type ResourceCells = Pick<Record<Varied, string>, "ResourceId" | "SubAccountId" | "Tags">;

/** Cells of one resource: it keeps its tags and account, as in real exports. */
function resourceCells(r: number): ResourceCells {
  const app = r % 600;
  return {
    ResourceId: quoted(`arn:aws:ec2:eu-west-1:${r % 60}:instance/i-${r}`),
    SubAccountId: quoted(`sub-${r % 100}`),
    Tags: app % 3 === 2 ? "NULL" : quoted(`{"application": "app-${app}", "environment": "prod"}`),
  };
}

export async function writeFocusExport(path: string, rows: number): Promise<GeneratedExport> {
  const lines = (await readFile(SAMPLE, "utf8")).split(/\r?\n/).filter((l) => l !== "");
  const header = rawFields(lines[0] as string).map((name) => name.replaceAll('"', ""));
  const order = [...VARIED].sort((a, b) => header.indexOf(a) - header.indexOf(b));
  const templates = lines.slice(1).map((line) =>
    segmentsOf(
      rawFields(line),
      order.map((name) => header.indexOf(name)),
    ),
  );
  const resources = Array.from({ length: 20_000 }, (_, r) => resourceCells(r));
  const hours = Array.from({ length: 30 * 24 }, (_, h) => {
    const at = (ms: number) => quoted(new Date(ms).toISOString().slice(0, 19).replace("T", " "));
    const start = Date.UTC(2024, 8, 1) + h * 3_600_000;
    return { ChargePeriodStart: at(start), ChargePeriodEnd: at(start + 3_600_000) };
  });
  const random = randomStream(20240901, "focus-bench").next;
  const out = createWriteStream(path, { highWaterMark: 4 << 20 });
  // Amounts are whole micro-units, a euro 1.25 dollars: quarter micro-dollars sum exactly.
  let quarterMicros = 0;
  let bytes = 0;
  let batch = `${lines[0]}\n`;
  for (let i = 0; i < rows; i++) {
    const micros = Math.round(random() * 2e6);
    const euro = i % 100 === 99;
    quarterMicros += micros * (euro ? 5 : 4);
    const resource = resources[Math.floor(random() * resources.length)] as ResourceCells;
    const hour = hours[i % hours.length] as { ChargePeriodStart: string; ChargePeriodEnd: string };
    const cells: Record<Varied, string> = {
      BillingCurrency: euro ? '"EUR"' : '"USD"',
      ChargePeriodEnd: hour.ChargePeriodEnd,
      ChargePeriodStart: hour.ChargePeriodStart,
      EffectiveCost: (micros / 1e6).toFixed(10),
      ResourceId: resource.ResourceId,
      SubAccountId: resource.SubAccountId,
      Tags: resource.Tags,
    };
    const segments = templates[i % templates.length] as string[];
    let line = segments[0] as string;
    for (let k = 0; k < order.length; k++) line += cells[order[k] as Varied] + segments[k + 1];
    batch += `${line}\n`;
    if (batch.length >= 4 << 20) {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await once(out, "drain");
      batch = "";
    }
  }
  bytes += Buffer.byteLength(batch);
  out.end(batch);
  await once(out, "finish");
  return { rows, bytes, totalUsd: quarterMicros / 4e6 };
}
