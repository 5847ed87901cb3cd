import type { SourceDefinition } from "../collector.ts";
import { focusCollector } from "./collector.ts";
import { focusConfig } from "./config.ts";
import { importFocusFiles } from "./import-format.ts";

export const focusSource: SourceDefinition = {
  name: focusConfig.name,
  config: focusConfig,
  create(config) {
    const source = focusConfig.of(config);
    return source && focusCollector(config, source);
  },
  formats: {
    focus: {
      describe: "FOCUS 1.0–1.3 cost and usage export (CSV, .csv.gz, Parquet)",
      run: importFocusFiles,
    },
  },
};
