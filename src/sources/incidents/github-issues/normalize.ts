import { z } from "zod";
import type { IncidentCandidate } from "../candidate.ts";
import { instant, optional } from "../payload.ts";
import { priorityFromLabels } from "../severity.ts";

// A GitHub issue carrying an incident label is an incident of the repository's service:
// opened at created_at, resolved at closed_at. Pull requests (which the issues API also
// lists) are not. Labels are its tags (they route within a shared repository) and name
// its priority (`P1`, `priority: P2`, `sev1`); its title and body may name the cause,
// including a bare #N, read as a pull request of the same repository.

const label = z.union([z.string(), z.looseObject({ name: optional(z.string()) })]);

export const issueSchema = z.looseObject({
  number: z.number().int(),
  title: z.string(),
  state: z.string(),
  labels: z.array(label),
  created_at: instant,
  /** Kept as GitHub wrote it: the cursor replays it in the next request URL. */
  updated_at: z.string().refine((text) => !Number.isNaN(Date.parse(text)), {
    message: "expected an ISO-8601 time",
  }),
  closed_at: optional(instant),
  html_url: optional(z.string()),
  body: optional(z.string()),
  pull_request: optional(z.unknown()),
});

export const issueList = z.array(issueSchema);
export type Issue = z.infer<typeof issueSchema>;

export function issueCandidate(issue: Issue, repository: string): IncidentCandidate | undefined {
  if (issue.pull_request !== undefined) return undefined;
  const labels = issue.labels
    .map((l) => (typeof l === "string" ? l : (l.name ?? "")))
    .filter((name) => name !== "");
  const resolved = issue.state === "closed";
  const priority = priorityFromLabels(labels);
  return {
    id: `${repository}#${issue.number}`,
    title: issue.title,
    startedAt: issue.created_at,
    ...(resolved && issue.closed_at !== undefined && { resolvedAt: issue.closed_at }),
    resolved,
    ...(priority && { priority }),
    ...(issue.html_url && { url: issue.html_url }),
    routing: { tags: labels, teams: [], pagerdutyServices: [], repository },
    references: { fields: {}, tags: labels, texts: [issue.title, issue.body ?? ""] },
  };
}
