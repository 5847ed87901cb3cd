import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { RECORD_KINDS } from "../../src/domain/records.ts";
import { FIELD_NOTES } from "../../src/import/field-notes.ts";
import { IMPORT_FORMAT_DOC, importFormatMarkdown } from "../../src/import/format-docs.ts";
import { ingestRules } from "../../src/import/ingest-rules.ts";
import { IMPORT_SCHEMA_FILE, importJsonSchema } from "../../src/import/json-schema.ts";
import { parseLine } from "../../src/import/parse-line.ts";
import { loadConfigFile } from "../../src/sources/config-file.ts";
import { REPO, runCli } from "../support/cli.ts";

// The import format as users get it: a JSON Schema and a page of tables generated from the
// importer's own schemas, and an example line of every kind. The schema may be stricter
// than the importer, never looser: every line it accepts, the importer stores, as long as
// its service is one of the catalogue's and its fields agree with one another (an end not
// before its start): no JSON Schema can state either.

const REGENERATE = "run `npm run generate` and commit the result";
const read = (path: string) => readFile(join(REPO, path), "utf8");
const schema = JSON.parse(await read(IMPORT_SCHEMA_FILE));
const ajv = new Ajv2020({ allErrors: true, strict: true });
formats.default(ajv);
// Most validators treat `format` as an annotation: the schema must hold without it too.
const withoutFormats = new Ajv2020({ allErrors: true, strict: true, validateFormats: false });
const checks = [ajv.compile(schema), withoutFormats.compile(schema)];
const valid = (value: unknown) => checks.every((check) => check(value));
const errorsOf = () => checks.map((check) => ajv.errorsText(check.errors)).join("; ");
const examples = (await read("examples/events.ndjson")).trimEnd().split("\n");
const demo = await loadConfigFile(join(REPO, "examples/demo.yaml"));
const stored = (line: string) => "record" in parseLine(line, ingestRules(demo));

/** Refused for how two fields relate, which no JSON Schema can state. */
function betweenFields(line: string, changed: string): boolean {
  const outcome = parseLine(line, ingestRules(demo));
  if (!("code" in outcome)) return false;
  return outcome.code === "time_order" || (changed === "ciLow" && outcome.field === "ciHigh");
}

/** Every field path of a kind's schema, nested ones as `field[].name`. */
function paths(kind: Record<string, unknown>, prefix = ""): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(kind.properties as Record<string, never>)) {
    if (name === "kind") continue;
    found.push(prefix + name);
    const items = (value as { items?: Record<string, unknown> }).items;
    if (items?.type === "object") found.push(...paths(items, `${prefix}${name}[].`));
  }
  return found;
}

describe("the published import format", () => {
  it("is checked in as generated", async () => {
    expect(await read(IMPORT_SCHEMA_FILE), REGENERATE).toBe(
      `${JSON.stringify(importJsonSchema(), null, 2)}\n`,
    );
    expect(await read(IMPORT_FORMAT_DOC), REGENERATE).toBe(importFormatMarkdown());
  });

  it("explains exactly the fields the importer knows", () => {
    for (const kind of RECORD_KINDS)
      expect(paths(schema.$defs[kind]).sort(), kind).toEqual(Object.keys(FIELD_NOTES[kind]).sort());
  });

  it("has an example line of every kind, valid under the schema and stored without a warning", () => {
    const kinds = examples.map((line) => JSON.parse(line).kind);
    expect(new Set(kinds)).toEqual(new Set(RECORD_KINDS));
    for (const line of examples) {
      expect(valid(JSON.parse(line)), `${line}\n${errorsOf()}`).toBe(true);
      const outcome = parseLine(line, ingestRules(demo, true));
      expect(outcome, line).toHaveProperty("record");
      expect(outcome, line).not.toHaveProperty("warning");
    }
  });

  it("never accepts a line the importer refuses", () => {
    let refusedByBoth = 0;
    for (const line of examples) {
      const record = JSON.parse(line) as Record<string, unknown>;
      const required = new Set<string>(schema.$defs[record.kind as string].required);
      for (const field of Object.keys(record)) {
        const mutations: unknown[] = [undefined, "", 42, "not a time", [], { x: 1 }, true];
        // The limits of storable values, and the ledger's reserved id prefix.
        mutations.push(2e12, -2e15, "x".repeat(70_000), "policy:organisation", "😀".repeat(600));
        // Times zod refuses and lenient date-time checkers take.
        mutations.push("2026-06-02t10:15:00z", "2026-06-02 10:15:00Z", "2026-06-02T10:15:00+0200");
        mutations.push("0000-06-02T10:15:00Z");
        // Any other short text names a service the catalogue lacks: refused, and rightly so.
        const tried =
          field === "service"
            ? mutations.filter((v) => typeof v !== "string" || v === "" || v.length > 1024)
            : mutations;
        for (const value of tried) {
          const changed = JSON.stringify({ ...record, [field]: value });
          const byImporter = stored(changed);
          if (valid(JSON.parse(changed)))
            expect(byImporter || betweenFields(changed, field), changed).toBe(true);
          else if (!byImporter) refusedByBoth++;
        }
        if (field !== "kind" && required.has(field)) {
          const { [field]: _, ...without } = record;
          expect(valid(without), `${record.kind} without ${field}`).toBe(false);
          expect(stored(JSON.stringify(without)), `${record.kind} without ${field}`).toBe(false);
        }
      }
      expect(valid({ ...record, stauts: "success" }), "an unknown field").toBe(false);
    }
    expect(refusedByBoth).toBeGreaterThan(examples.length * 5);
  });

  it("imports cleanly under the demo catalogue, as the README says", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "kpi-examples-"));
    try {
      const args = ["import", "--config", "examples/demo.yaml", "--data-dir", dataDir];
      const result = await runCli([...args, "--strict", "examples/events.ndjson"]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`${examples.length} written, 0 unchanged, 0 rejected`);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("is named in import --help", async () => {
    const help = (await runCli(["import", "--help"])).stdout;
    for (const file of [IMPORT_FORMAT_DOC, IMPORT_SCHEMA_FILE, "examples/events.ndjson"])
      expect(help).toContain(join(REPO, file));
  });
});
