import type { ConfigFile } from "../config/schema.ts";
import type { Collector, SourceDefinition } from "./collector.ts";
import { githubAuthFromEnv } from "./github/auth.ts";
import { githubCollector } from "./github/collector.ts";

// Every source, one row each. A row builds its collector only when the config has the
// source's section; a configured source whose credentials are missing fails at start.

export const SOURCES: readonly SourceDefinition[] = [
  {
    name: "github",
    create(config, env) {
      const github = config.sources.github;
      return github ? githubCollector(config, github, githubAuthFromEnv(env)) : undefined;
    },
  },
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
    throw new Error(`source ${only} is not configured: add sources.${only} to the config`);
  return collectors;
}
