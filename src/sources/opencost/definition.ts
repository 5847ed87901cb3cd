import type { SourceDefinition } from "../collector.ts";
import { opencostCollector } from "./collector.ts";
import { opencostConfig } from "./config.ts";

export const opencostSource: SourceDefinition = {
  name: opencostConfig.name,
  config: opencostConfig,
  create(config) {
    const source = opencostConfig.of(config);
    return source && opencostCollector(config, source);
  },
};
