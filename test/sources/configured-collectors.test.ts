import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.ts";
import { configuredCollectors } from "../../src/sources/index.ts";

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
});
