import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/sources/config-file.ts";
import { IMPORT_FORMATS } from "../../src/sources/import-formats.ts";
import { COLLECTOR_NAMES, configuredCollectors, SOURCES } from "../../src/sources/index.ts";

// Which sources `serve` and `sync` run, from the config and the environment.

const catalogue = (extra: Record<string, unknown> = {}) =>
  parseConfig({
    version: "kpi-exporter/v1",
    ...extra,
    teams: [
      { name: "payments", services: [{ name: "checkout", repositories: ["acme/checkout"] }] },
    ],
  });
const names = (config: ReturnType<typeof catalogue>, env: NodeJS.ProcessEnv) =>
  configuredCollectors(config, env).map((c) => c.name);

describe("configured collectors", () => {
  it("a token and a catalogue naming repositories are enough to run GitHub", () => {
    expect(names(catalogue(), { GITHUB_TOKEN: "t" })).toEqual(["github"]);
    expect(names(catalogue(), {})).toEqual([]);
  });

  it("a catalogue without repositories runs nothing, token or not", () => {
    const bare = parseConfig({
      version: "kpi-exporter/v1",
      teams: [{ name: "payments", services: [{ name: "checkout" }] }],
    });
    expect(names(bare, { GITHUB_TOKEN: "t" })).toEqual([]);
  });

  it("an explicit section without credentials names the variables to set", () => {
    expect(() => names(catalogue({ sources: { github: {} } }), {})).toThrow(/GITHUB_TOKEN/);
  });

  it("--source names a known, configured source", () => {
    expect(() => configuredCollectors(catalogue(), {}, "gitlab")).toThrow(/unknown source gitlab/);
    expect(() => configuredCollectors(catalogue(), {}, "github")).toThrow(/not configured/);
    expect(configuredCollectors(catalogue(), { GITHUB_TOKEN: "t" }, "github")).toHaveLength(1);
  });

  it("a source of files only points --source at its import formats", () => {
    expect(() => configuredCollectors(catalogue(), {}, "scanners")).toThrow(
      "unknown source scanners (scanners imports files: kpi-exporter import --format trivy|sarif)",
    );
  });

  it("a job not in the config names its section", () => {
    expect(() => configuredCollectors(catalogue(), {}, "retention")).toThrow(
      "retention is not configured: add retention to the config",
    );
  });
});

describe("the sources list", () => {
  it("is where every import format but the contract's NDJSON comes from", () => {
    const defined = SOURCES.flatMap((s) => Object.keys(s.formats ?? {}));
    expect(Object.keys(IMPORT_FORMATS)).toEqual(["ndjson", ...defined]);
    expect(defined).toEqual(["focus", "trivy", "sarif", "experiments"]);
  });

  it("names each source once, and every collector's source runs under its name", () => {
    const names = SOURCES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    const config = catalogue({
      sources: { github: {}, opencost: { base_url: "http://127.0.0.1:1" } },
    });
    const running = configuredCollectors(config, { GITHUB_TOKEN: "t" }).map((c) => c.name);
    expect(running).toEqual(["github", "opencost"]);
    expect(COLLECTOR_NAMES).toEqual(expect.arrayContaining(running));
  });
});
