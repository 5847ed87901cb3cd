// Panel descriptions: each KPI's definition as METRICS.md and the contract state it, in
// a sentence or two, so a reader of the dashboard need not look it up.

const LEVEL_COLOURS = "Coloured by DORA performance level (dark green elite … red low).";

export const DEFINITION = {
  deploymentFrequency: `Production deployments finished in the window ÷ days in the window. ${LEVEL_COLOURS}`,
  leadTime: `Change lead time: deployedAt − first commit of each change deployed to production in the window (p50, p90). ${LEVEL_COLOURS}`,
  incidents:
    "Incidents that started in the window, from every incident source, whether or not a deployment caused them; 0 for a service with none.",
  incidentsOpen:
    "Incidents started and not resolved at the snapshot's evaluation instant (no window).",
  changeFailure: `Failed ÷ all production deployments finished in the window; a deployment failed when an incident is linked to it or it was rolled back. ${LEVEL_COLOURS}`,
  recoveryTime: `Failed deployment recovery time: recovery instant (last linked incident resolved, or the rollback finished) − the failed deployment's finish, for failures recovered in the window (p50, p90). ${LEVEL_COLOURS}`,
  reworkRatio:
    "Rework ÷ all production deployments in the window; rework is a rollback or a deployment shipping a revert, an incident-linked change or one labelled hotfix/revert/incident.",
  performanceLevel:
    "DORA performance level per metric in the window: 3 Elite, 2 High, 1 Medium, 0 Low, graded from p50 lead time, deployment frequency, change failure ratio and p50 recovery time.",
  changesDeployed:
    "Changes (merged pull requests, or direct pushes to the deploy branch) deployed to production in the window.",
  featureToMarket:
    "Feature-to-market latency: deployedAt − the earliest of the linked work items' creation and the first commit, for feature changes deployed in the window (p50, p90).",
  cost: "Cloud (FOCUS EffectiveCost) and CI cost whose charge period starts in the window, by category (cloud, ci), in the reporting currency.",
  costTotal:
    "Cloud plus CI cost whose charge period starts in the window, in the reporting currency.",
  costPerChange: "(Cloud + CI cost) ÷ changes deployed to production in the window.",
  costPerDeployment: "(Cloud + CI cost) ÷ production deployments finished in the window.",
  costAttribution:
    "Cost attributed to a catalogue service ÷ all cost in the window. Organisation scope only: it ignores the team and service selection.",
  complianceCoverage:
    "Compliant ÷ all production deployments in the window; compliant when every enabled mandatory control passed. Target 100 %: amber from 95 %, red below.",
  controlPass:
    "Production deployments passing the control ÷ deployments it applies to, in the window, per control (required_checks, change_approval, deployment_approval, linked_ticket). Target 100 %.",
  controlNotEvaluable:
    "Production deployments a control could not judge for missing evidence (such as an unknown change set or an unknown author) ÷ deployments it judged, in the window, per control. Not evaluable is no pass: these deployments also lower the pass ratio and coverage, so this tells missing evidence from failed controls.",
  controlCost:
    "CI cost of the jobs that implement each compliance control, in the window, in the reporting currency.",
  remediation:
    "Remediation time (fixedAt − openedAt) of findings of this severity fixed in the window (p50, p90). Red past the severity's SLA.",
  remediationTrend:
    "p90 remediation time (fixedAt − openedAt) of findings fixed in the window, per severity.",
  open: "Findings open at the snapshot instant (opened, neither fixed nor dismissed), per severity.",
  overdue: "Open findings older than their severity's SLA at the snapshot instant, per severity.",
  revenue:
    "Revenue impact of changes deployed in the window, from linked A/B results: estimate = (treatment − control mean) × treatment units; low and high from the confidence interval of the difference.",
  revenuePerChange:
    "Revenue impact estimate ÷ changes with an experiment result, deployed in the window.",
} as const;
