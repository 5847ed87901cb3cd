import type { Severity } from "../domain/records.ts";
import { DAY_MS, durationMs } from "./duration.ts";
import {
  configHistory,
  declaredPolicies,
  ORGANISATION_SCOPE,
  type PolicyVersion,
  teamScope,
} from "./policy-history.ts";
import type { ConfigFile, ControlsConfig } from "./schema.ts";

// The config as the engine consumes it: parsed durations, compiled patterns and
// per-team controls already merged, so pure metric code never touches strings.

export interface KpiWindow {
  label: string;
  ms: number;
}

export interface CheckMatcher {
  /** As written in the config: an exact name or /pattern/. */
  spec: string;
  matches(name: string): boolean;
}

export interface ResolvedControls {
  requiredChecks: CheckMatcher[];
  /** False when the config names no required_checks: the branch's required checks apply. */
  requiredChecksConfigured: boolean;
  changeApproval: number;
  deploymentApproval: boolean;
  linkedTicket?: RegExp;
}

/** A policy version with its controls compiled. */
export interface ResolvedPolicy extends PolicyVersion {
  resolved: ResolvedControls;
}

export interface Thresholds {
  elite: number;
  high: number;
  medium: number;
}

export interface EngineConfig {
  currency: string;
  windows: KpiWindow[];
  /** Catalogue: service name → team name. Services absent here belong to `unassigned`. */
  serviceTeam: Map<string, string>;
  productionEnvironment: RegExp;
  /** exported_environments, lower-cased: kept as dora_deployments_total labels. */
  exportedEnvironments: Set<string>;
  attributionWindowMs: number;
  reworkLabels: Set<string>;
  featureLabels: Set<string>;
  /** The organisation's policy history, oldest first (see policy-history.ts). */
  organisationPolicies: ResolvedPolicy[];
  /** Per configured team: its own history, or the organisation's when it has none. */
  teamPolicies: Map<string, ResolvedPolicy[]>;
  /** Per service, where discovered branch policies supply the required checks. */
  servicePolicies: Map<string, ResolvedPolicy[]>;
  /** The latest version's controls, for what shows the current policy. */
  organisationControls: ResolvedControls;
  teamControls: Map<string, ResolvedControls>;
  vulnerabilitySlaMs: Record<Severity, number>;
  dismissedCountAsRemediated: boolean;
  levels: {
    leadTimeSeconds: Thresholds;
    deploymentsPerDay: Thresholds;
    changeFailureRatio: Thresholds;
    recoveryTimeSeconds: Thresholds;
  };
}

export const UNASSIGNED_TEAM = "unassigned";

function seconds(t: Thresholds): Thresholds {
  return { elite: t.elite / 1000, high: t.high / 1000, medium: t.medium / 1000 };
}

export function checkMatcher(spec: string): CheckMatcher {
  const m = /^\/(.*)\/([imsu]*)$/.exec(spec);
  if (!m) return { spec, matches: (name) => name === spec };
  const pattern = new RegExp(m[1] as string, m[2]);
  return { spec, matches: (name) => pattern.test(name) };
}

export function resolveControls(merged: ControlsConfig): ResolvedControls {
  return {
    requiredChecks: (merged.required_checks ?? []).map(checkMatcher),
    requiredChecksConfigured: merged.required_checks !== undefined,
    changeApproval: merged.change_approval ?? 0,
    deploymentApproval: merged.deployment_approval ?? false,
    linkedTicket: merged.linked_ticket ? new RegExp(merged.linked_ticket) : undefined,
  };
}

const resolvePolicies = (versions: readonly PolicyVersion[]): ResolvedPolicy[] =>
  versions.map((v) => ({ ...v, resolved: resolveControls(v.controls) }));

const latest = (versions: readonly ResolvedPolicy[]): ResolvedControls =>
  (versions[versions.length - 1] as ResolvedPolicy).resolved;

/**
 * The engine config judging by these histories (scope → versions, oldest first): the
 * config's own, or the effective ones the evidence ledger reconciled (policy-ledger.ts).
 */
export function withPolicyHistories(
  engine: EngineConfig,
  histories: ReadonlyMap<string, readonly PolicyVersion[]>,
): EngineConfig {
  const organisationPolicies = resolvePolicies(histories.get(ORGANISATION_SCOPE) ?? []);
  const teamPolicies = new Map<string, ResolvedPolicy[]>();
  const teamControls = new Map<string, ResolvedControls>();
  for (const team of engine.teamPolicies.keys()) {
    const own = histories.get(teamScope(team));
    const versions = own ? resolvePolicies(own) : organisationPolicies;
    teamPolicies.set(team, versions);
    teamControls.set(team, latest(versions));
  }
  return {
    ...engine,
    organisationPolicies,
    teamPolicies,
    servicePolicies: new Map(),
    organisationControls: latest(organisationPolicies),
    teamControls,
  };
}

const lower = (items: string[]) => new Set(items.map((s) => s.toLowerCase()));

export function toEngineConfig(config: ConfigFile): EngineConfig {
  const serviceTeam = new Map<string, string>();
  for (const team of config.teams)
    for (const service of team.services) serviceTeam.set(service.name, team.name);
  const histories = new Map(
    [...declaredPolicies(config)].map(([scope, declared]) => [
      scope,
      configHistory(declared, scope),
    ]),
  );
  const teams = new Map(config.teams.map((team) => [team.name, [] as ResolvedPolicy[]]));
  const levels = config.performance_levels;
  const engine: EngineConfig = {
    currency: config.currency,
    windows: config.windows.map((label) => ({ label, ms: durationMs(label) })),
    serviceTeam,
    productionEnvironment: new RegExp(config.production_environments, "i"),
    exportedEnvironments: lower(config.exported_environments),
    attributionWindowMs: config.attribution_window,
    reworkLabels: lower(config.rework_labels),
    featureLabels: lower(config.feature_labels),
    organisationPolicies: [],
    teamPolicies: teams,
    servicePolicies: new Map(),
    organisationControls: resolveControls({}),
    teamControls: new Map(),
    vulnerabilitySlaMs: { ...config.vulnerabilities.sla },
    dismissedCountAsRemediated: config.vulnerabilities.dismissed_count_as_remediated,
    levels: {
      leadTimeSeconds: seconds(
        levels.lead_time ?? { elite: DAY_MS, high: 7 * DAY_MS, medium: 30 * DAY_MS },
      ),
      deploymentsPerDay: levels.deployment_frequency ?? { elite: 1, high: 1 / 7, medium: 1 / 30 },
      changeFailureRatio: levels.change_failure ?? { elite: 0.05, high: 0.1, medium: 0.15 },
      recoveryTimeSeconds: seconds(
        levels.recovery_time ?? { elite: DAY_MS / 24, high: DAY_MS, medium: 7 * DAY_MS },
      ),
    },
  };
  return withPolicyHistories(engine, histories);
}
