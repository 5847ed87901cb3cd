import type { SourceDefinition } from "../../collector.ts";
import { githubIssuesAuth, githubIssuesCollector } from "./collector.ts";

export const githubIssuesSource: SourceDefinition = {
  name: "github_issues",
  create(config, env) {
    const source = config.sources.github_issues;
    return source && githubIssuesCollector(config, source, githubIssuesAuth(env));
  },
};
