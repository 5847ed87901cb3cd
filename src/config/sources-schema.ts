import { z } from "zod";
import { CONTROLS } from "../vocabulary/conventions.ts";
import { focusSourceSchema, opencostSourceSchema } from "./billing-sources-schema.ts";
import { growthbookSourceSchema } from "./growthbook-schema.ts";
import {
  githubIssuesSourceSchema,
  opsgenieSourceSchema,
  pagerdutySourceSchema,
} from "./incident-sources-schema.ts";
import { checkName, positiveDuration } from "./patterns.ts";

// Where the collectors read from. A source runs when its section is present; GitHub also
// runs with these defaults when credentials are set and services name repositories.

const severity = z.enum(["critical", "high", "medium", "low"]);

export const githubSourceSchema = z.strictObject({
  /** GitHub Enterprise Server: https://HOST/api/v3 */
  base_url: z.url({ protocol: /^https?$/ }).default("https://api.github.com"),
  history_days: z.number().int().min(1).max(3650).default(180),
  interval: positiveDuration.default("5m"),
  /** Organisation whose billing usage prices Actions minutes; absent → no CI cost. */
  organisation: z.string().min(1).optional(),
  secret_scanning_severity: severity.default("critical"),
  security_alerts: z.boolean().default(true),
  /** Job-name patterns (exact or /regex/) whose Actions minutes are the cost of a control. */
  ci_controls: z.partialRecord(z.enum(CONTROLS), z.array(checkName)).default({}),
});

export const sourcesSchema = z.strictObject({
  github: githubSourceSchema.optional(),
  focus: focusSourceSchema.optional(),
  opencost: opencostSourceSchema.optional(),
  opsgenie: opsgenieSourceSchema.optional(),
  pagerduty: pagerdutySourceSchema.optional(),
  github_issues: githubIssuesSourceSchema.optional(),
  growthbook: growthbookSourceSchema.optional(),
});

/** Per-service GitHub settings: how its deployments and changes are recognised. */
export const serviceGithubSchema = z.strictObject({
  /** Branch whose merges are changes; default: the repository's default branch. */
  deploy_branch: z.string().min(1).optional(),
  /** Monorepos: a change belongs to this service when it touches one of these path prefixes. */
  paths: z.array(z.string().min(1)).optional(),
  /** Deployments API: deployments to production environments count (default true). */
  environments: z.boolean().default(true),
  /** Actions workflows (file name such as deploy.yml, or workflow name) whose successful runs on the deploy branch are production deployments. */
  workflows: z.array(z.string().min(1)).default([]),
});

export type GithubSourceConfig = z.infer<typeof githubSourceSchema>;
export type ServiceGithubConfig = z.infer<typeof serviceGithubSchema>;
