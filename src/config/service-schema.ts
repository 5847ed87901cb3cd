import { z } from "zod";

// What a catalogue service says about where its records come from: which GitHub
// deployments and changes are its own, and which incidents are routed to it. These belong
// to the catalogue (the config layer) rather than to one source: the incident selectors
// serve Opsgenie, JSM, PagerDuty and GitHub issues alike.

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

const priority = z
  .string()
  .regex(
    /^(p[1-5]|high|low)$/i,
    "expected a priority P1 to P5, or a PagerDuty urgency high or low",
  );

/** Which incidents belong to a service. Any one selector matching is enough. */
export const serviceIncidentsSchema = z.strictObject({
  /** Opsgenie/JSM tags and GitHub issue labels, compared case-insensitively. */
  tags: z.array(z.string().min(1)).optional(),
  /** Opsgenie/JSM team names or ids among an alert's responders or an incident's owner team. */
  opsgenie_teams: z.array(z.string().min(1)).optional(),
  /** PagerDuty service ids or names. */
  pagerduty_services: z.array(z.string().min(1)).optional(),
  /** Only incidents of these priorities count for the service; default every priority. */
  priorities: z.array(priority).min(1).optional(),
});

export type ServiceGithubConfig = z.infer<typeof serviceGithubSchema>;
export type ServiceIncidentsConfig = z.infer<typeof serviceIncidentsSchema>;
