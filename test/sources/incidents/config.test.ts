import { describe, expect, test } from "vitest";
import type { ConfigError } from "../../../src/config/load.ts";
import { parseConfig } from "../../../src/sources/config-file.ts";
import { githubIssuesConfig } from "../../../src/sources/incidents/github-issues/config.ts";
import { pagerdutyConfig } from "../../../src/sources/incidents/pagerduty/config.ts";
import { configuredCollectors } from "../../../src/sources/index.ts";

// The incident sources' config: defaults, errors that name their field, and
// credentials that come from the environment only, named when missing.

const base = (extra: Record<string, unknown>, incidents?: Record<string, unknown>) => ({
  version: "kpi-exporter/v1",
  ...extra,
  teams: [{ name: "payments", services: [{ name: "checkout", ...(incidents && { incidents }) }] }],
});

function issues(value: unknown): string[] {
  try {
    parseConfig(value);
    return [];
  } catch (error) {
    return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe("config", () => {
  test("defaults: Opsgenie US, alerts and incidents, 180 days every 5 minutes", () => {
    const config = parseConfig(
      base({ sources: { opsgenie: {}, pagerduty: {}, github_issues: {} } }),
    );
    expect(config.sources.opsgenie).toEqual({
      api: "opsgenie",
      region: "us",
      alerts: true,
      incidents: true,
      history_days: 180,
      interval: 5 * 60_000,
    });
    expect(pagerdutyConfig.of(config)?.base_url).toBe("https://api.pagerduty.com");
    expect(githubIssuesConfig.of(config)?.labels).toEqual(["incident"]);
  });

  test("errors name the field", () => {
    expect(issues(base({ sources: { opsgenie: { api: "jsm" } } }))).toEqual([
      "sources.opsgenie.cloud_id: api jsm needs cloud_id: your site's id from https://SITE.atlassian.net/_edge/tenant_info",
    ]);
    expect(issues(base({}, { priorities: ["P9"], team: ["x"] }))).toEqual([
      "teams[0].services[0].incidents.priorities[0]: expected a priority P1 to P5, or a PagerDuty urgency high or low",
      "teams[0].services[0].incidents.team: unknown key; known here: tags, opsgenie_teams, pagerduty_services, priorities",
    ]);
    expect(issues(base({ sources: { opsgenie: { region: "apac" } } }))[0]).toMatch(
      /^sources\.opsgenie\.region: /,
    );
  });
});

describe("credentials", () => {
  const names = (sources: Record<string, unknown>, env: NodeJS.ProcessEnv) =>
    configuredCollectors(parseConfig(base({ sources })), env).map((c) => c.name);

  test("each configured source runs with its variables set", () => {
    const env = { OPSGENIE_API_KEY: "k", PAGERDUTY_API_KEY: "p", GITHUB_TOKEN: "t" };
    expect(names({ opsgenie: {}, pagerduty: {}, github_issues: {} }, env)).toEqual([
      "opsgenie",
      "pagerduty",
      "github_issues",
    ]);
    expect(
      names({ opsgenie: { api: "jsm", cloud_id: "c" } }, { JSM_EMAIL: "e", JSM_API_TOKEN: "t" }),
    ).toEqual(["opsgenie"]);
  });

  test("a missing variable is named", () => {
    expect(() => names({ opsgenie: {} }, {})).toThrow(
      /sources\.opsgenie \(api opsgenie\) needs OPSGENIE_API_KEY/,
    );
    expect(() => names({ opsgenie: { api: "jsm", cloud_id: "c" } }, { JSM_EMAIL: "e" })).toThrow(
      /JSM_API_TOKEN/,
    );
    expect(() => names({ pagerduty: {} }, {})).toThrow(/PAGERDUTY_API_KEY/);
    expect(() => names({ github_issues: {} }, {})).toThrow(
      /^sources\.github_issues needs credentials: set GITHUB_TOKEN/,
    );
  });
});
