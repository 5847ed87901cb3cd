import type { CostRow } from "../domain/records.ts";
import type { RecordTable } from "./record-table.ts";

// Cost rows hold the converted amount the engine sums and the amount as billed, so a
// rate change can be audited. float8 keeps amounts exactly as the JS numbers computed.

export const costsTable: RecordTable<CostRow> = {
  kind: "cost",
  table: "costs",
  ddl: `
    CREATE TABLE costs (
      id                text PRIMARY KEY,
      amount            float8 NOT NULL,
      original_amount   float8 NOT NULL,
      original_currency text NOT NULL,
      period_start      timestamptz NOT NULL,
      period_end        timestamptz NOT NULL,
      category          text NOT NULL CHECK (category IN ('cloud', 'ci')),
      service           text,
      tags              jsonb,
      control           text,
      updated_at        timestamptz NOT NULL DEFAULT now()
    );`,
  columns: [
    { name: "id", field: "id", type: "text" },
    { name: "amount", field: "amount", type: "float8" },
    { name: "original_amount", field: "originalAmount", type: "float8" },
    { name: "original_currency", field: "originalCurrency", type: "text" },
    { name: "period_start", field: "periodStart", type: "timestamptz" },
    { name: "period_end", field: "periodEnd", type: "timestamptz" },
    { name: "category", field: "category", type: "text" },
    // NULL when no catalogue selector matched: the row counts as unattributed cost.
    { name: "service", field: "service", type: "text" },
    { name: "tags", field: "tags", type: "jsonb" },
    { name: "control", field: "control", type: "text" },
  ],
  key: ["id"],
};
