// Weeks of plain history written before a bounded-working-set case: daily production
// deployments per service (with a list of changes or by merge order, now and then a
// redeploy of the day before), their changes, resolved incidents, fixed findings and
// daily costs. Its ids never collide with the random pools, but its commits are the
// random cases' commits now and then, so the random writes reach back into it.
import type { Change, Deployment, RecordSet } from "../../src/domain/records.ts";
import { DAY, HOUR, Rng, SERVICES, SHAS, START } from "../engine/incremental-property-random.ts";

export function history(seed: number, days: number): Partial<RecordSet> {
  const rng = new Rng(seed * 7919 + 1);
  const out: Required<Pick<RecordSet, "deployments" | "changes" | "incidents">> &
    Partial<RecordSet> = {
    deployments: [],
    changes: [],
    incidents: [],
    vulnerabilities: [],
    costs: [],
  };
  for (const service of SERVICES) {
    const listing = rng.chance(0.5);
    let previousSha = rng.pick(SHAS);
    for (let day = days; day >= 5; day--) {
      const finishedAt = START - day * DAY + rng.int(0, 20) * HOUR;
      const changes: Change[] = Array.from({ length: rng.int(0, 3) }, (_, k) => ({
        id: `h-${service}-${day}-${k}`,
        service,
        mergedAt: finishedAt - rng.int(1, 30) * HOUR,
        labels: rng.chance(0.1) ? ["hotfix"] : [],
        author: "alice",
        commits: [],
        linkedItems: rng.chance(0.3) ? [{ id: "PAY-1" }] : [],
        approvals: [{ by: "bob", at: finishedAt - 2 * HOUR }],
      }));
      out.changes.push(...changes);
      const own = `${service.length}${day}`.padEnd(40, "e");
      const sha = rng.chance(0.15) ? previousSha : rng.chance(0.1) ? rng.pick(SHAS) : own;
      const deployment: Deployment = {
        id: `h-${service}-${day}`,
        service,
        environment: rng.chance(0.85) ? "prod" : "staging",
        finishedAt,
        commitSha: sha,
        status: rng.chance(0.95) ? "success" : "failure",
        approvals: [{ by: "carol", at: finishedAt - HOUR }],
        ...(listing ? { changes: changes.map((c) => c.id) } : {}),
      };
      previousSha = sha;
      out.deployments.push(deployment);
      if (rng.chance(0.2))
        out.incidents.push({
          id: `h-i-${service}-${day}`,
          service,
          startedAt: finishedAt + rng.int(1, 10) * HOUR,
          resolvedAt: finishedAt + rng.int(11, 40) * HOUR,
        });
      if (rng.chance(0.15))
        out.vulnerabilities?.push({
          id: `h-v-${service}-${day}`,
          service,
          severity: rng.pick(["critical", "high", "medium", "low"] as const),
          openedAt: finishedAt,
          fixedAt: finishedAt + rng.int(1, 3) * DAY,
        });
      out.costs?.push({
        id: `h-k-${service}-${day}`,
        amount: rng.int(1, 100),
        originalAmount: 1,
        originalCurrency: "EUR",
        periodStart: START - day * DAY,
        periodEnd: START - (day - 1) * DAY,
        category: "cloud",
        service,
      });
    }
  }
  return out;
}
