// What the GitHub sync benchmark syncs and with which settings: the synthetic
// organisation at a chosen size, a catalogue naming every repository (validated by the
// same parser as a config file), and a logger that tallies instead of printing.

import type { ConfigFile } from "../src/config/schema.ts";
import type { Logger } from "../src/logger.ts";
import { parseConfig } from "../src/sources/config-file.ts";
import type { FakeOrg } from "../test/support/fake-github/index.ts";
import { syntheticGitHubOrg } from "./github-org.ts";

export const NOW = Date.parse("2026-06-30T00:00:00Z");
/** Longer than the organisation's 150 days, so everything generated is in the history. */
export const HISTORY_DAYS = 180;

/** Each repository as at the full size (200): 100 PRs, 25 deployments, 250 check runs. */
export function benchOrg(repos: number): FakeOrg {
  return syntheticGitHubOrg({
    repos,
    pulls: 100 * repos,
    deployments: 25 * repos,
    checkRuns: 250 * repos,
    end: new Date(NOW),
  });
}

export function describeOrg(org: FakeOrg): string {
  const sum = (pick: (r: FakeOrg["repos"][number]) => unknown[]) =>
    org.repos.reduce((n, r) => n + pick(r).length, 0);
  const alerts = sum((r) => [
    ...r.dependabotAlerts,
    ...r.codeScanningAlerts,
    ...r.secretScanningAlerts,
  ]);
  return `${org.repos.length} repositories, ${sum((r) => r.pulls)} PRs, ${sum((r) => r.deployments)} deployments, ${sum((r) => r.checkRuns)} check runs, ${sum((r) => r.workflowRuns)} workflow runs, ${alerts} alerts`;
}

/** One service per repository, ten services per team; `priced` adds Actions billing. */
export function benchConfig(org: FakeOrg, baseUrl: string, priced: boolean): ConfigFile {
  const teams = Math.ceil(org.repos.length / 10);
  return parseConfig(
    {
      version: "kpi-exporter/v1",
      // Billing is in USD; any other currency would need a currency_rates entry.
      currency: "USD",
      sources: {
        github: {
          base_url: baseUrl,
          history_days: HISTORY_DAYS,
          ...(priced && { organisation: org.login }),
        },
      },
      teams: Array.from({ length: teams }, (_, t) => ({
        name: `team-${t + 1}`,
        services: org.repos.slice(t * 10, t * 10 + 10).map((r) => ({
          name: r.name,
          repositories: [`${r.owner}/${r.name}`],
        })),
      })),
    },
    "bench",
  );
}

/** Calendar months the history touches: the billing requests a priced sync makes. */
export function monthsOfHistory(): number {
  const from = new Date(NOW - HISTORY_DAYS * 86_400_000);
  const to = new Date(NOW);
  const years = to.getUTCFullYear() - from.getUTCFullYear();
  return years * 12 + to.getUTCMonth() - from.getUTCMonth() + 1;
}

export interface TallyLogger extends Logger {
  lines: { level: string; message: string }[];
}

/** Keeps warnings and errors for a summary: at full size they would bury the figures. */
export function tallyLogger(): TallyLogger {
  const lines: TallyLogger["lines"] = [];
  const keep = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const detail = fields?.error === undefined ? "" : `: ${String(fields.error)}`;
    lines.push({ level, message: `${message}${detail}` });
  };
  return { lines, info() {}, warn: keep("warn"), error: keep("error") };
}
