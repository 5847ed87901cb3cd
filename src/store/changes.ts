import type { Change } from "../domain/records.ts";
import type { RecordTable } from "./record-table.ts";

// Nested lists (commits, linked items, approvals) stay in the domain shape as jsonb:
// they are only ever read whole, with the change, so normalising them buys nothing.

export const changesTable: RecordTable<Change> = {
  kind: "change",
  table: "changes",
  ddl: `
    CREATE TABLE changes (
      id               text PRIMARY KEY,
      service          text NOT NULL,
      merged_at        timestamptz NOT NULL,
      title            text,
      labels           jsonb NOT NULL,
      author           text,
      created_at       timestamptz,
      merge_commit_sha text,
      commits          jsonb NOT NULL,
      linked_items     jsonb NOT NULL,
      approvals        jsonb NOT NULL,
      reverts          text,
      url              text,
      updated_at       timestamptz NOT NULL DEFAULT now()
    );`,
  columns: [
    { name: "id", field: "id", type: "text" },
    { name: "service", field: "service", type: "text" },
    { name: "merged_at", field: "mergedAt", type: "timestamptz" },
    { name: "title", field: "title", type: "text" },
    { name: "labels", field: "labels", type: "jsonb" },
    { name: "author", field: "author", type: "text" },
    { name: "created_at", field: "createdAt", type: "timestamptz" },
    { name: "merge_commit_sha", field: "mergeCommitSha", type: "text" },
    { name: "commits", field: "commits", type: "jsonb" },
    { name: "linked_items", field: "linkedItems", type: "jsonb" },
    { name: "approvals", field: "approvals", type: "jsonb" },
    { name: "reverts", field: "reverts", type: "text" },
    { name: "url", field: "url", type: "text" },
  ],
  key: ["id"],
};
