import type { components } from "@octokit/openapi-types";

// The GitHub payload fields normalization reads. Each shape is a structural subset of
// the REST schema named beside it, so a typed REST item passes as is (the tests pass the
// fixtures typed as the REST schema); fields are optional or plain strings where webhook
// payloads omit them or GitHub sends values the schema does not list ("moderate").

type Schemas = components["schemas"];

/** Subset of `dependabot-alert` (REST list item and `dependabot_alert` webhook `alert`). */
export interface DependabotAlertPayload {
  number: number;
  state: string;
  html_url?: string;
  created_at: string;
  updated_at?: string | null;
  fixed_at?: string | null;
  dismissed_at?: string | null;
  auto_dismissed_at?: string | null;
  dismissed_reason?: string | null;
  security_advisory?: { severity?: string | null } | null;
  security_vulnerability?: { severity?: string | null } | null;
}

/** Subset of `code-scanning-alert-items` and of the `code_scanning_alert` webhook `alert`. */
export interface CodeScanningAlertPayload {
  number: number;
  state: string | null;
  html_url?: string;
  created_at: string;
  updated_at?: string | null;
  fixed_at?: string | null;
  dismissed_at?: string | null;
  dismissed_reason?: string | null;
  rule?: {
    severity?: string | null;
    security_severity_level?: string | null;
    tags?: readonly string[] | null;
  } | null;
  tool?: { name?: string | null } | null;
}

/** Subset of `secret-scanning-alert` (every field is optional there). */
export interface SecretScanningAlertPayload {
  number?: number;
  state?: string | null;
  html_url?: string;
  created_at?: string;
  updated_at?: string | null;
  resolution?: string | null;
  resolved_at?: string | null;
}

/** An Actions job as listed by `GET /repos/{o}/{r}/actions/runs/{id}/jobs`. */
export type ActionsJob = Pick<Schemas["job"], "name" | "status" | "started_at" | "completed_at"> &
  Partial<Pick<Schemas["job"], "labels">>;

/** One `usageItems[]` entry of `GET /organizations/{org}/settings/billing/usage`. */
export type BillingUsageItem = Pick<
  NonNullable<Schemas["billing-usage-report"]["usageItems"]>[number],
  "date" | "product" | "netAmount" | "repositoryName"
>;
