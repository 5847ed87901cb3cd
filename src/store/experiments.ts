import type { ExperimentResult } from "../domain/records.ts";
import type { RecordTable } from "./record-table.ts";

// Experiment results are stored already converted to the reporting currency, so the
// engine sums them without knowing any rate.

export const experimentsTable: RecordTable<ExperimentResult> = {
  kind: "experiment",
  table: "experiments",
  ddl: `
    CREATE TABLE experiments (
      id              text PRIMARY KEY,
      change_id       text NOT NULL,
      currency        text NOT NULL,
      control_mean    float8 NOT NULL,
      treatment_mean  float8 NOT NULL,
      treatment_units float8 NOT NULL,
      ci_low          float8,
      ci_high         float8,
      metric          text,
      url             text,
      updated_at      timestamptz NOT NULL DEFAULT now()
    );`,
  columns: [
    { name: "id", field: "id", type: "text" },
    { name: "change_id", field: "changeId", type: "text" },
    { name: "currency", field: "currency", type: "text" },
    { name: "control_mean", field: "controlMean", type: "float8" },
    { name: "treatment_mean", field: "treatmentMean", type: "float8" },
    { name: "treatment_units", field: "treatmentUnits", type: "float8" },
    { name: "ci_low", field: "ciLow", type: "float8" },
    { name: "ci_high", field: "ciHigh", type: "float8" },
    { name: "metric", field: "metric", type: "text" },
    { name: "url", field: "url", type: "text" },
  ],
  key: ["id"],
};
