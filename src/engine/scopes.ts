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
  private organisationOnly: T[] | undefined;
  private readonly teams = new Map<string, T>();
  /** Per service: its team and the [organisation, team, service] buckets, built once. */
  private readonly services = new Map<string, { team: string; buckets: T[] }>();

  constructor(create: () => T) {
    this.create = create;
  }

  /**
   * The buckets an item of `service` (in team `team`) counts in; `service` undefined means
   * organisation only. The returned array is shared: iterate it, never keep or change it.
   */
  bucketsFor(team: string | undefined, service: string | undefined): readonly T[] {
    this.organisation ??= this.create();
    if (team === undefined || service === undefined) {
      this.organisationOnly ??= [this.organisation];
      return this.organisationOnly;
    }
    const known = this.services.get(service);
    if (known) return known.buckets;
    let teamBucket = this.teams.get(team);
    if (!teamBucket) {
      teamBucket = this.create();
      this.teams.set(team, teamBucket);
    }
    const entry = { team, buckets: [this.organisation, teamBucket, this.create()] };
    this.services.set(service, entry);
    return entry.buckets;
  }

  /**
   * Places a service's own bucket, built apart, and merges it into its team's and the
   * organisation's: the same buckets as routing each of its items through bucketsFor.
   */
  adopt(team: string, service: string, own: T, merge: (into: T, from: T) => void): void {
    this.organisation ??= this.create();
    let teamBucket = this.teams.get(team);
    if (!teamBucket) {
      teamBucket = this.create();
      this.teams.set(team, teamBucket);
    }
    merge(this.organisation, own);
    merge(teamBucket, own);
    this.services.set(service, { team, buckets: [this.organisation, teamBucket, own] });
  }

  /** The bucket of a scope as entries() labels it, if any item fell into it. */
  get(scope: ScopeLabels): T | undefined {
    if (scope.service !== undefined) return this.services.get(scope.service)?.buckets[2];
    if (scope.team !== undefined) return this.teams.get(scope.team);
    return this.organisation;
  }

  /** Organisation first, then teams, then services, each sorted by name. */
  entries(): Array<[ScopeLabels, T]> {
    const out: Array<[ScopeLabels, T]> = [];
    if (this.organisation) out.push([{}, this.organisation]);
    for (const team of [...this.teams.keys()].sort())
      out.push([{ team }, this.teams.get(team) as T]);
    const services = [...this.services].sort(([serviceA, a], [serviceB, b]) =>
      a.team === b.team ? compare(serviceA, serviceB) : compare(a.team, b.team),
    );
    for (const [service, s] of services) out.push([{ team: s.team, service }, s.buckets[2] as T]);
    return out;
  }
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
