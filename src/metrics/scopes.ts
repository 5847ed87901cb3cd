import { UNASSIGNED_TEAM } from "../config/engine-config.ts";

// Every windowed KPI is computed at organisation, team and service scope from the
// items themselves. ScopedBuckets routes each item to its three buckets once, so no
// scope is ever derived from another (averages of ratios would be wrong).

export type ScopeLabels = Record<string, string>;

export function teamOf(serviceTeam: Map<string, string>, service: string): string {
  return serviceTeam.get(service) ?? UNASSIGNED_TEAM;
}

export class ScopedBuckets<T> {
  private readonly create: () => T;
  private organisation: T | undefined;
  private readonly teams = new Map<string, T>();
  private readonly services = new Map<string, { team: string; service: string; bucket: T }>();

  constructor(create: () => T) {
    this.create = create;
  }

  /** Buckets an item of `service` (team `team`) falls into; `service` undefined = organisation only. */
  bucketsFor(team: string | undefined, service: string | undefined): T[] {
    this.organisation ??= this.create();
    const out = [this.organisation];
    if (team === undefined || service === undefined) return out;
    let teamBucket = this.teams.get(team);
    if (!teamBucket) {
      teamBucket = this.create();
      this.teams.set(team, teamBucket);
    }
    const key = `${team}\u0000${service}`;
    let serviceEntry = this.services.get(key);
    if (!serviceEntry) {
      serviceEntry = { team, service, bucket: this.create() };
      this.services.set(key, serviceEntry);
    }
    out.push(teamBucket, serviceEntry.bucket);
    return out;
  }

  /** Organisation first, then teams, then services, each sorted by name. */
  entries(): Array<[ScopeLabels, T]> {
    const out: Array<[ScopeLabels, T]> = [];
    if (this.organisation) out.push([{}, this.organisation]);
    for (const team of [...this.teams.keys()].sort())
      out.push([{ team }, this.teams.get(team) as T]);
    const services = [...this.services.values()].sort((a, b) =>
      a.team === b.team ? compare(a.service, b.service) : compare(a.team, b.team),
    );
    for (const s of services) out.push([{ team: s.team, service: s.service }, s.bucket]);
    return out;
  }
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
