import type { ConfigFile } from "../config/schema.ts";
import { githubSourceSchema } from "../config/sources-schema.ts";
import type { Collector, SourceDefinition } from "./collector.ts";
import { focusCollector } from "./focus/collector.ts";
import { githubAuthFromEnv } from "./github/auth.ts";
import { githubCollector } from "./github/collector.ts";
import { growthbookApiKey, growthbookCollector } from "./growthbook/collector.ts";
import { githubIssuesAuth, githubIssuesCollector } from "./incidents/github-issues/collector.ts";
import { opsgenieCollector, opsgenieCredentials } from "./incidents/opsgenie/collector.ts";
import { pagerdutyApiKey, pagerdutyCollector } from "./incidents/pagerduty/collector.ts";
import { ANCHOR_JOB, anchorJob } from "./jobs/evidence-anchor.ts";
import { RETENTION_JOB, retentionJob } from "./jobs/retention.ts";
import { opencostCollector } from "./opencost/collector.ts";

// Every source, one row each. A row builds its collector when the config has the
// source's section; a configured source whose credentials are missing fails at start.

/**
 * GitHub with every default, for the shortest setup: a token in the environment and a
 * catalogue naming repositories. Without credentials such a catalogue stays import-only.
 */
function implicitGithub(config: ConfigFile, env: NodeJS.ProcessEnv) {
  const credentials = ["GITHUB_TOKEN", "GITHUB_TOKEN_FILE", "GITHUB_APP_ID"].some((n) => env[n]);
  const repositories = config.teams.some((t) => t.services.some((s) => s.repositories?.length));
  return credentials && repositories ? githubSourceSchema.parse({}) : undefined;
}

export const SOURCES: readonly SourceDefinition[] = [
  {
    name: "github",
    create(config, env) {
      const github = config.sources.github ?? implicitGithub(config, env);
      return github ? githubCollector(config, github, githubAuthFromEnv(env)) : undefined;
    },
  },
  {
    name: "focus",
    create: (config) => config.sources.focus && focusCollector(config, config.sources.focus),
  },
  {
    name: "opencost",
    create: (config) =>
      config.sources.opencost && opencostCollector(config, config.sources.opencost),
  },
  {
    name: "opsgenie",
    create(config, env) {
      const source = config.sources.opsgenie;
      return source && opsgenieCollector(config, source, opsgenieCredentials(source, env));
    },
  },
  {
    name: "pagerduty",
    create(config, env) {
      const source = config.sources.pagerduty;
      return source && pagerdutyCollector(config, source, pagerdutyApiKey(env));
    },
  },
  {
    name: "github_issues",
    create(config, env) {
      const source = config.sources.github_issues;
      return source && githubIssuesCollector(config, source, githubIssuesAuth(env));
    },
  },
  {
    name: "growthbook",
    create(config, env) {
      const source = config.sources.growthbook;
      return source && growthbookCollector(config, source, growthbookApiKey(env));
    },
  },
  // Not a source: the evidence ledger's scheduled checkpoint, run where the collectors run.
  { name: ANCHOR_JOB, create: (config) => anchorJob(config) },
  // Nor this: sealing the ledger into the archive and pruning what is past retention.
  { name: RETENTION_JOB, create: (config) => retentionJob(config) },
];

export function configuredCollectors(
  config: ConfigFile,
  env: NodeJS.ProcessEnv = process.env,
  only?: string,
): Collector[] {
  if (only !== undefined && !SOURCES.some((s) => s.name === only))
    throw new Error(`unknown source ${only}; known: ${SOURCES.map((s) => s.name).join(", ")}`);
  const collectors = SOURCES.filter((s) => only === undefined || s.name === only).flatMap((s) => {
    const collector = s.create(config, env);
    return collector ? [collector] : [];
  });
  if (only !== undefined && collectors.length === 0)
    throw new Error(
      only === ANCHOR_JOB || only === RETENTION_JOB
        ? `${only} is not configured: add ${only === ANCHOR_JOB ? "evidence_anchor" : "retention"} to the config`
        : `source ${only} is not configured: add sources.${only} to the config`,
    );
  return collectors;
}
