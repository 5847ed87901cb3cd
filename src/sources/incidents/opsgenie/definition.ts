import type { SourceDefinition } from "../../collector.ts";
import { opsgenieCollector, opsgenieCredentials } from "./collector.ts";
import { opsgenieConfig } from "./config.ts";

export const opsgenieSource: SourceDefinition = {
  name: opsgenieConfig.name,
  config: opsgenieConfig,
  create(config, env) {
    const source = opsgenieConfig.of(config);
    return source && opsgenieCollector(config, source, opsgenieCredentials(source, env));
  },
};
