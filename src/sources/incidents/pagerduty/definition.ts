import type { SourceDefinition } from "../../collector.ts";
import { pagerdutyApiKey, pagerdutyCollector } from "./collector.ts";

export const pagerdutySource: SourceDefinition = {
  name: "pagerduty",
  create(config, env) {
    const source = config.sources.pagerduty;
    return source && pagerdutyCollector(config, source, pagerdutyApiKey(env));
  },
};
