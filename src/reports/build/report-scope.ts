import type { EngineConfig } from "../../config/engine-config.ts";
import type { ScopeLabels } from "../../engine/scopes.ts";
import type { ReportScope, ValueScope } from "../model.ts";
import { ReportRequestError } from "../request-error.ts";
import type { SampleIndex } from "./evaluate.ts";

// Whom a report is about. The organisation's report lists its teams; a team's report
// lists the team's services. Teams and services come from the catalogue and from the data
// (team `unassigned` exists only where services outside the catalogue were accepted).

export interface ScopeMember {
  scope: ValueScope;
  labels: ScopeLabels;
  team: string;
  service?: string;
}

export interface ScopePlan {
  scope: ReportScope;
  /** The scope the summary and sections are about. */
  main: ScopeLabels;
  by: "team" | "service";
  /** The team table's rows, sorted. */
  members: ScopeMember[];
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function catalogue(
  engine: EngineConfig,
  indexes: readonly SampleIndex[],
): Map<string, Set<string>> {
  const teams = new Map<string, Set<string>>();
  const add = (team: string, service?: string) => {
    const services = teams.get(team) ?? new Set<string>();
    teams.set(team, services);
    if (service !== undefined) services.add(service);
  };
  for (const [service, team] of engine.serviceTeam) add(team, service);
  for (const index of indexes)
    for (const [team, services] of index.scopes) {
      add(team);
      for (const service of services) add(team, service);
    }
  return teams;
}

export function scopePlan(
  engine: EngineConfig,
  team: string | undefined,
  indexes: readonly SampleIndex[],
): ScopePlan {
  const teams = catalogue(engine, indexes);
  if (team === undefined) {
    const members = [...teams.keys()]
      .sort(byName)
      .map((name): ScopeMember => ({ scope: "team", labels: { team: name }, team: name }));
    return { scope: { kind: "organisation" }, main: {}, by: "team", members };
  }
  const services = teams.get(team);
  if (!services) {
    const known = [...teams.keys()].sort(byName).join(", ") || "none";
    throw new ReportRequestError(`team: unknown team "${team}"; known teams: ${known}`);
  }
  const members = [...services]
    .sort(byName)
    .map(
      (service): ScopeMember => ({ scope: "service", labels: { team, service }, team, service }),
    );
  return { scope: { kind: "team", team }, main: { team }, by: "service", members };
}
