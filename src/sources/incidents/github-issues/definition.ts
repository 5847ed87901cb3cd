import type { SourceDefinition } from "../../collector.ts";
import { githubIssuesAuth, githubIssuesCollector } from "./collector.ts";
import { githubIssuesConfig } from "./config.ts";

export const githubIssuesSource: SourceDefinition = {
  name: githubIssuesConfig.name,
  config: githubIssuesConfig,
  create(config, env) {
    const source = githubIssuesConfig.of(config);
    return source && githubIssuesCollector(config, source, githubIssuesAuth(env));
  },
};
