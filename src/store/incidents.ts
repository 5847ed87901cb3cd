import type { Incident } from "../domain/records.ts";
import type { RecordTable } from "./record-table.ts";

// Incidents arrive open and are re-sent when resolved: the id identity turns the
// second delivery into an update of resolved_at rather than a second incident.

export const incidentsTable: RecordTable<Incident> = {
  kind: "incident",
  table: "incidents",
  ddl: `
    CREATE TABLE incidents (
      id            text PRIMARY KEY,
      service       text NOT NULL,
      started_at    timestamptz NOT NULL,
      resolved_at   timestamptz,
      severity      text,
      deployment_id text,
      commit_sha    text,
      change_id     text,
      title         text,
      url           text,
      updated_at    timestamptz NOT NULL DEFAULT now()
    );`,
  columns: [
    { name: "id", field: "id", type: "text" },
    { name: "service", field: "service", type: "text" },
    { name: "started_at", field: "startedAt", type: "timestamptz" },
    { name: "resolved_at", field: "resolvedAt", type: "timestamptz" },
    { name: "severity", field: "severity", type: "text" },
    { name: "deployment_id", field: "deploymentId", type: "text" },
    { name: "commit_sha", field: "commitSha", type: "text" },
    { name: "change_id", field: "changeId", type: "text" },
    { name: "title", field: "title", type: "text" },
    { name: "url", field: "url", type: "text" },
  ],
  key: ["id"],
};
