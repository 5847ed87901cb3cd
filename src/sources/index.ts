import type { ConfigFile } from "../config/schema.ts";
import type { Collector, SourceDefinition } from "./collector.ts";
import { experimentsSource } from "./experiments/definition.ts";
import { focusSource } from "./focus/definition.ts";
import { githubSource } from "./github/definition.ts";
import { growthbookSource } from "./growthbook/definition.ts";
import { githubIssuesSource } from "./incidents/github-issues/definition.ts";
import { opsgenieSource } from "./incidents/opsgenie/definition.ts";
import { pagerdutySource } from "./incidents/pagerduty/definition.ts";
import { anchorJobSource } from "./jobs/evidence-anchor.ts";
import { retentionJobSource } from "./jobs/retention.ts";
import { opencostSource } from "./opencost/definition.ts";
import { scannersSource } from "./scanners/definition.ts";

// Every source, one entry each, as its folder defines it (`definition.ts`): the collectors
// that run, the file formats `import --format` reads and the `sync --source` names are all
// read from this list. A configured source whose credentials are missing fails at start.

export const SOURCES: readonly SourceDefinition[] = [
  githubSource,
  focusSource,
  opencostSource,
  opsgenieSource,
  pagerdutySource,
  githubIssuesSource,
  growthbookSource,
  scannersSource,
  experimentsSource,
  anchorJobSource,
  retentionJobSource,
];

/** The names `sync --source` accepts: every source and job that runs a collector. */
export const COLLECTOR_NAMES = SOURCES.filter((s) => s.create).map((s) => s.name);

function notConfigured(source: SourceDefinition): string {
  if (source.kind === "job")
    return `${source.name} is not configured: add ${source.name} to the config`;
  return `source ${source.name} is not configured: add sources.${source.name} to the config`;
}

export function configuredCollectors(
  config: ConfigFile,
  env: NodeJS.ProcessEnv = process.env,
  only?: string,
): Collector[] {
  const named = SOURCES.find((s) => s.name === only);
  if (only !== undefined && !named?.create) {
    const files = named?.formats && Object.keys(named.formats).join("|");
    const hint = files ? ` (${only} imports files: kpi-exporter import --format ${files})` : "";
    throw new Error(`unknown source ${only}${hint}; known: ${COLLECTOR_NAMES.join(", ")}`);
  }
  const collectors = SOURCES.filter((s) => only === undefined || s.name === only).flatMap((s) => {
    const collector = s.create?.(config, env);
    return collector ? [collector] : [];
  });
  if (named && collectors.length === 0) throw new Error(notConfigured(named));
  return collectors;
}
