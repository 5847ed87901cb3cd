import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

// `kpi-exporter import` with unknown fields, --strict, the config switch import.strict and a
// JSON array given as NDJSON, as a user meets them (METRICS.md decisions 139 and 140).

let dir: string;
const CONFIG = `version: kpi-exporter/v1
teams:
  - name: payments
    services: [{ name: checkout }]
`;
const line = (id: string, extra: object = {}) =>
  JSON.stringify({
    kind: "deployment",
    id,
    service: "checkout",
    environment: "production",
    finishedAt: "2026-06-01T10:00:00Z",
    commitSha: `${id}000000`,
    ...extra,
  });

const path = (name: string) => join(dir, name);
/** What the import says about the input, without the structured log lines around it. */
const messages = (stderr: string) =>
  stderr
    .split("\n")
    .filter((text) => text !== "" && !text.startsWith("time="))
    .map((text) => `${text}\n`)
    .join("");
const TYPO_WARNING = (file: string) =>
  `${file}:1: deployment unknown field "stauts" (did you mean "status"?); stored without it [unknown_field]\n`;
const TYPO_REJECTION = (file: string) =>
  `${file}:1: deployment unknown field "stauts" (did you mean "status"?) [unknown_field]\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-cli-strict-"));
  await writeFile(path("config.yaml"), CONFIG);
  await writeFile(path("strict.yaml"), `${CONFIG}import:\n  strict: true\n`);
  await writeFile(path("typos.ndjson"), `${line("d1", { stauts: "failure" })}\n${line("d2")}\n`);
  await writeFile(path("events.json"), JSON.stringify([JSON.parse(line("d3"))], null, 2));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const args = (store: string, config = "config.yaml") => [
  "--config",
  path(config),
  "--data-dir",
  path(store),
];

async function storedDeployments(store: string): Promise<string | undefined> {
  const result = await runCli(["metrics", ...args(store), "--as-of", "2026-06-04T00:00:00Z"]);
  return /kpi_exporter_records\{kind="deployment"\} (\d+)/.exec(result.stdout)?.[1];
}

describe("kpi-exporter import strictness", () => {
  it("stores a line with an unknown field, warns on its line and exits 0", async () => {
    const result = await runCli(["import", ...args("loose"), path("typos.ndjson")]);
    expect(result.code, result.stderr).toBe(0);
    expect(messages(result.stderr)).toBe(TYPO_WARNING(path("typos.ndjson")));
    expect(result.stdout).toMatch(
      /^accepted deployment 2; 2 written, 0 unchanged, 0 rejected, 1 stored without unknown fields \(--strict rejects such lines\) \(/,
    );
    expect(await storedDeployments("loose")).toBe("2");
  });

  it("--strict rejects that line, stores the other and exits 2", async () => {
    const result = await runCli(["import", ...args("strict"), "--strict", path("typos.ndjson")]);
    expect(result.code).toBe(2);
    expect(messages(result.stderr)).toBe(TYPO_REJECTION(path("typos.ndjson")));
    expect(result.stdout).toMatch(/^accepted deployment 1; 1 written, 0 unchanged, 1 rejected \(/);
    expect(await storedDeployments("strict")).toBe("1");
  });

  it("import.strict: true in the config does the same without the flag", async () => {
    const result = await runCli([
      "import",
      ...args("by-config", "strict.yaml"),
      path("typos.ndjson"),
    ]);
    expect(result.code).toBe(2);
    expect(messages(result.stderr)).toBe(TYPO_REJECTION(path("typos.ndjson")));
  });

  it("a JSON array file is refused with one error naming it and the jq fix", async () => {
    const file = path("events.json");
    const result = await runCli(["import", ...args("array"), file]);
    expect(result.code).toBe(2);
    expect(messages(result.stderr)).toBe(
      `${file}:1: ${file} is a JSON array, not NDJSON; nothing in it was imported: put one JSON object per line: jq -c '.[]' ${file} > ${path("events.ndjson")} [invalid_json]\n`,
    );
    expect(result.stdout).toMatch(/^accepted nothing; 0 written, 0 unchanged, 1 rejected \(/);
  });

  it("--strict with a format other than NDJSON is an error", async () => {
    const result = await runCli([
      "import",
      ...args("focus"),
      "--strict",
      "--format",
      "focus",
      path("typos.ndjson"),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--strict applies to --format ndjson (and CDEvents) only");
  });
});
