import type { SourceDefinition } from "../collector.ts";
import { opencostCollector } from "./collector.ts";

export const opencostSource: SourceDefinition = {
  name: "opencost",
  create: (config) => config.sources.opencost && opencostCollector(config, config.sources.opencost),
};
