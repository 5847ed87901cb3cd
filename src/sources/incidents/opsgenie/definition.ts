import type { SourceDefinition } from "../../collector.ts";
import { opsgenieCollector, opsgenieCredentials } from "./collector.ts";

export const opsgenieSource: SourceDefinition = {
  name: "opsgenie",
  create(config, env) {
    const source = config.sources.opsgenie;
    return source && opsgenieCollector(config, source, opsgenieCredentials(source, env));
  },
};
