// `npm run generate`: every generated file the repository checks in, rewritten from the
// code that makes it, in the order they depend on one another. Each has a drift test that
// fails until this has run, and none is ever edited by hand.
//   1. src/reports/definitions/definitions.json — METRICS.md's definitions, which the
//      report's appendix and the dashboards' panel descriptions read;
//   2. dashboards/ — `kpi-exporter dashboards`;
//   3. alerts/ — `kpi-exporter rules --config examples/demo.yaml`;
//   4. test/golden/demo-metrics.prom — the demo organisation's /metrics at a fixed instant;
//   5. schemas/import-v1.json and docs/import-format.md — the import format, from its schemas.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { IMPORT_FORMAT_DOC, importFormatMarkdown } from "../src/import/format-docs.ts";
import { IMPORT_SCHEMA_FILE, importJsonSchema } from "../src/import/json-schema.ts";
import { parseDefinitions } from "../src/reports/definitions/parse.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));
/** The instant the golden exposition is evaluated at (test/golden/demo-metrics.test.ts). */
const GOLDEN_AS_OF = "2026-06-30T00:00:00Z";

/** The developer's own store, config and clock must not leak into what is checked in. */
const { DATABASE_URL, KPI_CONFIG, KPI_AS_OF, ...cleanEnv } = process.env;

const cli = (args: string[]): string =>
  execFileSync(process.execPath, [join(REPO, "bin/kpi-exporter.js"), ...args], {
    cwd: REPO,
    env: cleanEnv,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    // The commands' logs are noise here; a failure throws with them in its message.
    stdio: ["ignore", "pipe", "pipe"],
  });

function definitions(): void {
  const parsed = parseDefinitions(readFileSync(join(REPO, "METRICS.md"), "utf8"));
  const file = join(REPO, "src/reports/definitions/definitions.json");
  writeFileSync(file, `${JSON.stringify(parsed, null, 2)}\n`);
}

function goldenExposition(): void {
  const dataDir = mkdtempSync(join(tmpdir(), "kpi-generate-"));
  try {
    cli(["demo", "--seed-only", "--data-dir", dataDir, "--as-of", GOLDEN_AS_OF]);
    const exposition = cli([
      ...["metrics", "--config", "examples/demo.yaml"],
      ...["--data-dir", dataDir, "--as-of", GOLDEN_AS_OF],
    ]);
    writeFileSync(join(REPO, "test/golden/demo-metrics.prom"), exposition);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const steps: Array<[string, () => void]> = [
  ["src/reports/definitions/definitions.json", definitions],
  ["dashboards/", () => cli(["dashboards", "--out", "dashboards"])],
  ["alerts/", () => cli(["rules", "--config", "examples/demo.yaml", "--out", "alerts"])],
  ["test/golden/demo-metrics.prom", goldenExposition],
  [
    IMPORT_SCHEMA_FILE,
    () =>
      writeFileSync(
        join(REPO, IMPORT_SCHEMA_FILE),
        `${JSON.stringify(importJsonSchema(), null, 2)}\n`,
      ),
  ],
  [IMPORT_FORMAT_DOC, () => writeFileSync(join(REPO, IMPORT_FORMAT_DOC), importFormatMarkdown())],
];
for (const [target, step] of steps) {
  const started = performance.now();
  step();
  console.log(`generated ${target} (${Math.round(performance.now() - started)} ms)`);
}
