import { iso } from "../domain/instant.ts";
import type { Deployment } from "../domain/records.ts";
import type { DeploymentFacts } from "../engine/analysis.ts";
import { recoverySeconds } from "../engine/delivery-buckets.ts";
import type { IncidentLink } from "../engine/failures.ts";
import type { ExplainedFailure, ExplainedIncident, ExplainedRecovery } from "./explanation.ts";

// Why a deployment failed and when it recovered, from the engine's failure facts: the
// incidents linked to it with the rule that linked each, the rollback that undid it, and
// which of them set the recovery instant.

function reference(link: IncidentLink): string | undefined {
  switch (link.rule) {
    case "deployment_id":
      return link.incident.deploymentId;
    case "commit_sha":
      return link.incident.commitSha;
    case "change_id":
      return link.incident.changeId;
    case "attribution_window":
      return undefined;
  }
}

function incident(link: IncidentLink, d: Deployment): ExplainedIncident {
  const { id, startedAt, resolvedAt } = link.incident;
  return {
    id,
    rule: link.rule,
    reference: reference(link),
    startedAt: iso(startedAt),
    resolvedAt: resolvedAt === undefined ? undefined : iso(resolvedAt),
    gapSeconds: link.rule === "attribution_window" ? (startedAt - d.finishedAt) / 1000 : undefined,
  };
}

function recovery(f: DeploymentFacts): ExplainedRecovery | undefined {
  const failure = f.failure;
  if (!failure) return undefined;
  const at = failure.recoveredAt;
  if (at === undefined)
    return {
      recovered: false,
      unresolvedIncidents: failure.incidents
        .filter((l) => l.incident.resolvedAt === undefined)
        .map((l) => l.incident.id),
    };
  // The engine takes the latest resolution of the linked incidents, else the rollback.
  const latest = failure.incidents.find((l) => l.incident.resolvedAt === at);
  const by = latest?.incident.id ?? f.rolledBackBy?.rollback.id ?? "";
  return {
    recovered: true,
    at: iso(at),
    seconds: recoverySeconds(f.deployment.finishedAt, at),
    basis: latest ? "incident" : "rollback",
    by,
  };
}

export function explainFailure(f: DeploymentFacts): ExplainedFailure {
  const rollback = f.rolledBackBy;
  return {
    failed: f.failure !== undefined,
    incidents: (f.failure?.incidents ?? []).map((link) => incident(link, f.deployment)),
    rolledBackBy: rollback && {
      deploymentId: rollback.rollback.id,
      rule: rollback.rule,
      finishedAt: iso(rollback.rollback.finishedAt),
    },
    recovery: recovery(f),
  };
}
