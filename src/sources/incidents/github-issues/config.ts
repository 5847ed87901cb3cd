import { z } from "zod";
import { positiveDuration } from "../../../config/patterns.ts";
import { sourceConfig } from "../../source-config.ts";

// sources.github_issues: GitHub issues carrying an incident label, for teams that track
// incidents in their repositories.

export const githubIssuesSourceSchema = z.strictObject({
  /** An issue carrying any of these labels is an incident. */
  labels: z.array(z.string().min(1)).min(1).default(["incident"]),
  /** Default: sources.github.base_url, else https://api.github.com. */
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  history_days: z.number().int().min(1).max(3650).default(180),
  interval: positiveDuration.prefault("5m"),
});

export type GithubIssuesSourceConfig = z.infer<typeof githubIssuesSourceSchema>;

export const githubIssuesConfig = sourceConfig("github_issues", githubIssuesSourceSchema);
