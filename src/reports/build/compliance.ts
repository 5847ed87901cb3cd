import type { EngineConfig, ResolvedControls } from "../../config/engine-config.ts";
import { CONTROLS, type ControlName } from "../../exporter/conventions.ts";
import { inWindow } from "../../metrics/windows.ts";
import type { ComplianceSection } from "../model.ts";
import { iso } from "../quarter.ts";
import type { Evaluated } from "./evaluate.ts";

// The quarter's production deployments that missed a control, with the engine's own verdict
// and reason for each missed control (the same verdicts compliance coverage counts).

function enabled(c: ResolvedControls): ControlName[] {
  const on: Record<ControlName, boolean> = {
    required_checks: c.requiredChecks.length > 0,
    change_approval: c.changeApproval > 0,
    deployment_approval: c.deploymentApproval,
    linked_ticket: c.linkedTicket !== undefined,
  };
  return CONTROLS.filter((name) => on[name]);
}

/** Controls enabled for any deployment in scope: the team's, or anyone's for the organisation. */
function controlsInScope(config: EngineConfig, team: string | undefined): string[] {
  const sets: ResolvedControls[] = [];
  if (team === undefined) sets.push(config.organisationControls, ...config.teamControls.values());
  else sets.push(config.teamControls.get(team) ?? config.organisationControls);
  for (const [service, controls] of config.serviceControls)
    if (team === undefined || config.serviceTeam.get(service) === team) sets.push(controls);
  const on = new Set(sets.flatMap(enabled));
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
    .map((f) => ({
      id: f.deployment.id,
      service: f.deployment.service,
      team: f.team,
      finishedAt: iso(f.deployment.finishedAt),
      missed: f.controls
        .filter((v) => !v.pass)
        .map((v) => ({ control: v.control, reason: v.reason })),
    }));
  return {
    controls: controlsInScope(config, team),
    productionDeployments: inScope.length,
    compliantDeployments: inScope.length - nonCompliant.length,
    nonCompliant,
  };
}
