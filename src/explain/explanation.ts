import type { ChangeSet } from "../engine/change-set.ts";
import type { Verdict } from "../engine/compliance.ts";
import type { RollbackLink } from "../engine/deployment-timeline.ts";
import type { IncidentRule } from "../engine/failures.ts";
import type { ReworkReason } from "../engine/rework.ts";
import type { ControlName } from "../vocabulary/conventions.ts";

// What `explain deployment` and GET /api/v1/deployments/{id} answer: every decision the
// engine took about one deployment at asOf, with what it rested on, so each count in the
// KPIs can be traced to its deployments. Instants are ISO-8601 UTC; durations in seconds,
// as in the exposition. Sections after `production` are present only for production ones.

export interface ExplainedApproval {
  by: string;
  at: string;
}

export interface ExplainedIncident {
  id: string;
  rule: IncidentRule;
  /** The incident's own field that resolved to this deployment (explicit rules). */
  reference?: string;
  startedAt: string;
  /** As known at asOf: absent while unresolved. */
  resolvedAt?: string;
  /** attribution_window: seconds from the deployment's finish to the incident's start. */
  gapSeconds?: number;
}

export interface ExplainedRollback {
  deploymentId: string;
  rule: RollbackLink["rule"];
  finishedAt: string;
}

export type ExplainedRecovery =
  | { recovered: true; at: string; seconds: number; basis: "incident" | "rollback"; by: string }
  | { recovered: false; unresolvedIncidents: string[] };

export interface ExplainedFailure {
  failed: boolean;
  incidents: ExplainedIncident[];
  /** The earliest later deployment that rolled this one back. */
  rolledBackBy?: ExplainedRollback;
  recovery?: ExplainedRecovery;
}

export type ExplainedRework = ReworkReason & { reverts?: string; title?: string };

export interface ExplainedChange {
  id: string;
  mergedAt: string;
  firstCommitAt: string;
  deployedAt: string;
  leadTimeSeconds: number;
  feature: boolean;
  featureLatencySeconds?: number;
}

export interface ExplainedControl {
  control: ControlName;
  /** `verdict === "pass"`. */
  pass: boolean;
  /** Missing evidence is `not_evaluable`, never a pass (contract §8.1). */
  verdict: Verdict;
  /** The engine's own reason for the verdict. */
  reason: string;
  /** What the control asks, as configured (or discovered from the branch policy). */
  requirement: string;
  /** What was counted: matched checks, approvers, approvals or tickets. */
  counted: { subject: string; items: string[]; pass: boolean; verdict: Verdict }[];
}

export interface DeploymentExplanation {
  asOf: string;
  deployment: {
    id: string;
    service: string;
    team: string;
    environment: string;
    status: "success" | "failure";
    commitSha: string;
    startedAt?: string;
    finishedAt: string;
    triggeredBy?: string;
    url?: string;
    rollbackOf?: string;
    approvals: ExplainedApproval[];
    /** The explicit list of change ids, as recorded. */
    changes?: string[];
  };
  production: { counted: boolean; reasons: string[] };
  /** Per configured window: does the deployment count there, does its recovery. */
  windows?: { window: string; deployment: boolean; recovery: boolean }[];
  /** Set when this deployment is itself a rollback. */
  rollbackOf?: { deploymentId: string; rule: RollbackLink["rule"] };
  failure?: ExplainedFailure;
  rework?: { rework: boolean; reasons: ExplainedRework[] };
  changes?: {
    containment: "explicit" | "merge_order" | "rollback";
    /** What shows that `shipped` is all it shipped; "unknown" when nothing does (§8.1). */
    changeSet: ChangeSet;
    shipped: ExplainedChange[];
    /** Listed ids this deployment did not ship, and the deployment that did, if any. */
    notShipped: { id: string; shippedBy?: string }[];
  };
  compliance?: {
    compliant: boolean;
    controls: ExplainedControl[];
    /** The policy version in force when it finished, which judged it (contract §8.2). */
    policy?: { scope: string; effectiveFrom: string | null; digest: string };
  };
}
