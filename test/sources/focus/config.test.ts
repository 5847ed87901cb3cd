import { describe, expect, test } from "vitest";
import { ConfigError } from "../../../src/config/load.ts";
import { parseConfigText } from "../../../src/sources/config-file.ts";
import { configuredCollectors } from "../../../src/sources/index.ts";

// sources.focus and sources.opencost: validated with their field paths, defaults filled,
// and each a collector of its own when present.

const issuesOf = (text: string) => {
  try {
    parseConfigText(`version: kpi-exporter/v1\n${text}`, "test.yaml");
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => i.path);
    throw error;
  }
  return [];
};

describe("billing source config", () => {
  test("every problem is named by its field path", () => {
    expect(issuesOf("sources: { focus: { interval: 0 } }")).toEqual([
      "sources.focus.directory",
      "sources.focus.interval",
    ]);
    expect(
      issuesOf(
        "sources: { opencost: { base_url: ftp://x, window: soon, currency: usd, port: 1 } }",
      ),
    ).toEqual([
      "sources.opencost.base_url",
      "sources.opencost.window",
      "sources.opencost.currency",
      "sources.opencost.port",
    ]);
  });

  test("defaults: hourly runs, a week of OpenCost days in USD", () => {
    const config = parseConfigText(
      "version: kpi-exporter/v1\nsources: { focus: { directory: /exports }, opencost: { base_url: 'http://opencost:9003' } }",
      "test.yaml",
    );
    expect(config.sources.focus).toEqual({ directory: "/exports", interval: 3_600_000 });
    expect(config.sources.opencost).toEqual({
      base_url: "http://opencost:9003",
      interval: 3_600_000,
      window: 7 * 86_400_000,
      currency: "USD",
    });
    expect(configuredCollectors(config, {}).map((c) => [c.name, c.intervalMs])).toEqual([
      ["focus", 3_600_000],
      ["opencost", 3_600_000],
    ]);
  });
});
