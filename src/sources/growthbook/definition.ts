import type { SourceDefinition } from "../collector.ts";
import { growthbookApiKey, growthbookCollector } from "./collector.ts";
import { growthbookConfig } from "./config.ts";

export const growthbookSource: SourceDefinition = {
  name: growthbookConfig.name,
  config: growthbookConfig,
  create(config, env) {
    const source = growthbookConfig.of(config);
    return source && growthbookCollector(config, source, growthbookApiKey(env));
  },
};
