import { describe, expect, it } from "vitest";
import { ConfigError, defaultConfig } from "../../src/config/load.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import { focusConfig } from "../../src/sources/focus/config.ts";
import { SOURCES } from "../../src/sources/index.ts";

// `sources:` is read section by section with the schemas the sources' own folders define
// (their definitions list them); the config layer knows the sections only as names.

const withSources = (sources: Record<string, unknown>) =>
  parseConfig({ version: "kpi-exporter/v1", sources });

function issuesOf(sources: Record<string, unknown>) {
  try {
    withSources(sources);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues;
  }
}

describe("the sources section", () => {
  it("a definition's section carries the definition's name", () => {
    const configured = SOURCES.filter((s) => s.config);
    expect(configured.map((s) => s.name)).toEqual([
      "github",
      "focus",
      "opencost",
      "opsgenie",
      "pagerduty",
      "github_issues",
      "growthbook",
    ]);
    for (const source of configured) expect(source.config?.name).toBe(source.name);
  });

  it("an unknown section is refused at sources, naming it", () => {
    expect(issuesOf({ gitlab: {} })).toEqual([
      { path: "sources.gitlab", message: 'unknown key (did you mean "github"?)' },
    ]);
    expect(issuesOf({ jira: {} })).toEqual([
      {
        path: "sources.jira",
        message: expect.stringMatching(/^unknown key; known here: github, /),
      },
    ]);
  });

  it("a section is checked by its source's schema, the path naming the field", () => {
    expect(issuesOf({ focus: { directory: "/exports", interval: "soon" } })).toEqual([
      { path: "sources.focus.interval", message: expect.stringMatching(/positive duration/) },
    ]);
    expect(issuesOf({ opencost: {} })).toEqual([
      { path: "sources.opencost.base_url", message: expect.any(String) },
    ]);
    expect(issuesOf({ opsgenie: { api: "jsm" } })).toEqual([
      { path: "sources.opsgenie.cloud_id", message: expect.stringMatching(/cloud_id/) },
    ]);
  });

  it("a section read back through its source has the schema's defaults", () => {
    const config = withSources({ focus: { directory: "/exports" } });
    expect(focusConfig.of(config)).toEqual({ directory: "/exports", interval: 3_600_000 });
    expect(focusConfig.of(withSources({}))).toBeUndefined();
  });

  it("the embedded default has no section, as the full loader reads an empty file", () => {
    expect(defaultConfig()).toEqual(parseConfig({ version: "kpi-exporter/v1" }));
    expect(defaultConfig().sources).toEqual({});
  });
});
