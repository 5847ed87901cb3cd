import type { SourceDefinition } from "../collector.ts";
import { importExperimentFiles } from "./import-csv.ts";

/** Experiment results from any platform, as CSV files (GrowthBook has its own collector). */
export const experimentsSource: SourceDefinition = {
  name: "experiments",
  kind: "files",
  formats: {
    experiments: { describe: "experiment results as CSV (README)", run: importExperimentFiles },
  },
};
