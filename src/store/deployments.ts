import type { Deployment } from "../domain/records.ts";
import type { RecordTable } from "./record-table.ts";

// Deployments keep the source's id as identity, so a re-sync of the same run updates
// it in place (a failure later marked success, approvals added after the fact).

/** Migration 8: a source that knows git ancestry says a commit went back in history. */
export const DEPLOYMENT_ANCESTRY_DDL =
  "ALTER TABLE deployments ADD COLUMN ancestor_of_previous boolean;";

export const deploymentsTable: RecordTable<Deployment> = {
  kind: "deployment",
  table: "deployments",
  ddl: `
    CREATE TABLE deployments (
      id           text PRIMARY KEY,
      service      text NOT NULL,
      environment  text NOT NULL,
      finished_at  timestamptz NOT NULL,
      commit_sha   text NOT NULL,
      started_at   timestamptz,
      status       text NOT NULL CHECK (status IN ('success', 'failure')),
      changes      jsonb,
      rollback_of  text,
      triggered_by text,
      approvals    jsonb NOT NULL,
      url          text,
      updated_at   timestamptz NOT NULL DEFAULT now()
    );`,
  columns: [
    { name: "id", field: "id", type: "text" },
    { name: "service", field: "service", type: "text" },
    { name: "environment", field: "environment", type: "text" },
    { name: "finished_at", field: "finishedAt", type: "timestamptz" },
    { name: "commit_sha", field: "commitSha", type: "text" },
    { name: "started_at", field: "startedAt", type: "timestamptz" },
    { name: "status", field: "status", type: "text" },
    // Absent (unknown containment) and [] (ships nothing) mean different things: NULL vs '[]'.
    { name: "changes", field: "changes", type: "jsonb" },
    { name: "rollback_of", field: "rollbackOf", type: "text" },
    // Added by migration 8.
    { name: "ancestor_of_previous", field: "ancestorOfPrevious", type: "boolean" },
    { name: "triggered_by", field: "triggeredBy", type: "text" },
    { name: "approvals", field: "approvals", type: "jsonb" },
    { name: "url", field: "url", type: "text" },
  ],
  key: ["id"],
};
