import type { SourceDefinition } from "../../collector.ts";
import { pagerdutyApiKey, pagerdutyCollector } from "./collector.ts";
import { pagerdutyConfig } from "./config.ts";

export const pagerdutySource: SourceDefinition = {
  name: pagerdutyConfig.name,
  config: pagerdutyConfig,
  create(config, env) {
    const source = pagerdutyConfig.of(config);
    return source && pagerdutyCollector(config, source, pagerdutyApiKey(env));
  },
};
