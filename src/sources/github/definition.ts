import type { ConfigFile } from "../../config/schema.ts";
import type { SourceDefinition } from "../collector.ts";
import { githubAuthFromEnv } from "./auth.ts";
import { githubCollector } from "./collector.ts";
import { githubConfig, githubSourceSchema } from "./config.ts";
import { githubWebhook } from "./webhook.ts";

/**
 * GitHub with every default, for the shortest setup: a token in the environment and a
 * catalogue naming repositories. Without credentials such a catalogue stays import-only.
 */
function implicitGithub(config: ConfigFile, env: NodeJS.ProcessEnv) {
  const credentials = ["GITHUB_TOKEN", "GITHUB_TOKEN_FILE", "GITHUB_APP_ID"].some((n) => env[n]);
  const repositories = config.teams.some((t) => t.services.some((s) => s.repositories?.length));
  return credentials && repositories ? githubSourceSchema.parse({}) : undefined;
}

export const githubSource: SourceDefinition = {
  name: githubConfig.name,
  config: githubConfig,
  create(config, env) {
    const github = githubConfig.of(config) ?? implicitGithub(config, env);
    return github ? githubCollector(config, github, githubAuthFromEnv(env)) : undefined;
  },
  webhook: githubWebhook,
};
