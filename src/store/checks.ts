import type { CheckResult } from "../domain/records.ts";
import type { RecordTable } from "./record-table.ts";

// Check runs carry no id in the import format, so identity is what makes a result
// distinct: the commit, the check, when it completed and for which service. A re-run
// completes at another instant and is a new row, which is what "latest result" needs.

export const checksTable: RecordTable<CheckResult> = {
  kind: "check",
  table: "checks",
  ddl: `
    CREATE TABLE checks (
      commit_sha   text NOT NULL,
      name         text NOT NULL,
      conclusion   text NOT NULL,
      completed_at timestamptz NOT NULL,
      service      text NOT NULL DEFAULT '',
      url          text,
      updated_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (commit_sha, name, completed_at, service)
    );`,
  columns: [
    { name: "commit_sha", field: "commitSha", type: "text" },
    { name: "name", field: "name", type: "text" },
    { name: "conclusion", field: "conclusion", type: "text" },
    { name: "completed_at", field: "completedAt", type: "timestamptz" },
    // A primary key column cannot be NULL, and NULLs would never conflict anyway.
    { name: "service", field: "service", type: "text", absentAs: "" },
    { name: "url", field: "url", type: "text" },
  ],
  key: ["commit_sha", "name", "completed_at", "service"],
};
