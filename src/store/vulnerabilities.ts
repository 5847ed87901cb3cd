import type { Vulnerability } from "../domain/records.ts";
import type { RecordTable } from "./record-table.ts";

// A finding is re-reported by its scanner until fixed or dismissed; the scanner's id
// keeps it one row whose fixed_at or dismissed_at fills in later.

export const vulnerabilitiesTable: RecordTable<Vulnerability> = {
  kind: "vulnerability",
  table: "vulnerabilities",
  ddl: `
    CREATE TABLE vulnerabilities (
      id               text PRIMARY KEY,
      service          text NOT NULL,
      severity         text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
      opened_at        timestamptz NOT NULL,
      fixed_at         timestamptz,
      dismissed_at     timestamptz,
      dismissed_reason text,
      source           text,
      url              text,
      updated_at       timestamptz NOT NULL DEFAULT now()
    );`,
  columns: [
    { name: "id", field: "id", type: "text" },
    { name: "service", field: "service", type: "text" },
    { name: "severity", field: "severity", type: "text" },
    { name: "opened_at", field: "openedAt", type: "timestamptz" },
    { name: "fixed_at", field: "fixedAt", type: "timestamptz" },
    { name: "dismissed_at", field: "dismissedAt", type: "timestamptz" },
    { name: "dismissed_reason", field: "dismissedReason", type: "text" },
    { name: "source", field: "source", type: "text" },
    { name: "url", field: "url", type: "text" },
  ],
  key: ["id"],
};
