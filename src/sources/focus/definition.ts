import type { SourceDefinition } from "../collector.ts";
import { focusCollector } from "./collector.ts";
import { importFocusFiles } from "./import-format.ts";

export const focusSource: SourceDefinition = {
  name: "focus",
  create: (config) => config.sources.focus && focusCollector(config, config.sources.focus),
  formats: {
    focus: {
      describe: "FOCUS 1.0–1.3 cost and usage export (CSV, .csv.gz, Parquet)",
      run: importFocusFiles,
    },
  },
};
