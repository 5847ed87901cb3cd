import type { EngineConfig, ResolvedControls, ResolvedPolicy } from "../../config/engine-config.ts";
import { inWindow } from "../../engine/windows.ts";
import { CONTROLS, type ControlName } from "../../vocabulary/conventions.ts";
import type { ComplianceSection } from "../model.ts";
import { iso } from "../quarter.ts";
import type { Evaluated } from "./evaluate.ts";

// The quarter's production deployments that missed a control, with the engine's own verdict
// and reason for each missed control (the same verdicts compliance coverage counts): a
// failed control, or one not evaluable for missing evidence (contract §8.1).

function enabled(c: ResolvedControls): ControlName[] {
  const on: Record<ControlName, boolean> = {
    required_checks: c.requiredChecks.length > 0,
    change_approval: c.changeApproval > 0,
    deployment_approval: c.deploymentApproval,
    linked_ticket: c.linkedTicket !== undefined,
  };
  return CONTROLS.filter((name) => on[name]);
}

/** Controls any policy version enables in scope: the team's, or anyone's for the organisation. */
function controlsInScope(config: EngineConfig, team: string | undefined): string[] {
  const histories: (readonly ResolvedPolicy[])[] = [];
  if (team === undefined)
    histories.push(config.organisationPolicies, ...config.teamPolicies.values());
  else histories.push(config.teamPolicies.get(team) ?? config.organisationPolicies);
  for (const [service, versions] of config.servicePolicies)
    if (team === undefined || config.serviceTeam.get(service) === team) histories.push(versions);
  const on = new Set(histories.flatMap((versions) => versions.flatMap((v) => enabled(v.resolved))));
  return CONTROLS.filter((name) => on.has(name));
}

export function complianceSection(now: Evaluated, team: string | undefined): ComplianceSection {
  const { analysis, config } = now.analyzed;
  const { asOf, window } = now.evaluation;
  const inScope = analysis.deployments.filter(
    (f) =>
      inWindow(f.deployment.finishedAt, asOf, window) && (team === undefined || f.team === team),
  );
  const nonCompliant = inScope
    .filter((f) => !f.compliant)
    .sort(
      (a, b) =>
        b.deployment.finishedAt - a.deployment.finishedAt ||
        (a.deployment.id < b.deployment.id ? -1 : 1),
    )
    .map((f) => {
      const missed = f.controls.flatMap((v) =>
        v.verdict === "pass" ? [] : [{ control: v.control, verdict: v.verdict, reason: v.reason }],
      );
      const failed = missed.some((m) => m.verdict === "fail");
      return {
        id: f.deployment.id,
        service: f.deployment.service,
        team: f.team,
        finishedAt: iso(f.deployment.finishedAt),
        verdict: failed ? ("fail" as const) : ("not_evaluable" as const),
        missed,
      };
    });
  const failedDeployments = nonCompliant.filter((d) => d.verdict === "fail").length;
  return {
    controls: controlsInScope(config, team),
    productionDeployments: inScope.length,
    compliantDeployments: inScope.length - nonCompliant.length,
    failedDeployments,
    notEvaluableDeployments: nonCompliant.length - failedDeployments,
    nonCompliant,
  };
}
