import type { SourceDefinition } from "../collector.ts";
import { growthbookApiKey, growthbookCollector } from "./collector.ts";

export const growthbookSource: SourceDefinition = {
  name: "growthbook",
  create(config, env) {
    const source = config.sources.growthbook;
    return source && growthbookCollector(config, source, growthbookApiKey(env));
  },
};
