// Deployments, changes and incidents: the records whose relations decide shipping,
// failures, recovery, rework and the change controls. Each leans on what was written
// before, so lists, rollback marks and incident references hit real records (of the same
// service or another), records not written yet, and records finishing after asOf.
import type { Change, Deployment, Incident } from "../../src/domain/records.ts";
import { compact, type Gen, rewrite } from "./incremental-property-model.ts";
import * as V from "./incremental-property-random.ts";
import { HOUR, poolId } from "./incremental-property-random.ts";

export function deployment(gen: Gen): Deployment {
  const { rng } = gen;
  // Redeploying a commit deployed before, mostly in the same service and some time after
  // it: a rollback by commit when another deployment came in between.
  const prior = rng.chance(0.35) ? gen.deployed() : undefined;
  const finishedAt = prior && rng.chance(0.6) ? prior.finishedAt + rng.span(4) : gen.instant();
  const listed = rng.some(gen.model.ids("changes"), 0.4);
  const fresh = compact<Deployment>({
    id: gen.id("deployments", "d"),
    service: prior && rng.chance(0.7) ? prior.service : gen.service(),
    environment: rng.pick(V.ENVIRONMENTS),
    finishedAt,
    startedAt: rng.chance(0.3) ? finishedAt - rng.span(0.1) : undefined,
    commitSha: prior?.commitSha ?? rng.pick(V.SHAS),
    status: rng.chance(0.85) ? "success" : "failure",
    // An explicit list (possibly empty) naming changes of any service, or not written yet.
    changes: rng.chance(0.45)
      ? [...listed, ...(rng.chance(0.2) ? [poolId(rng, "c")] : [])]
      : undefined,
    rollbackOf: rng.chance(0.25) ? gen.id("deployments", "d") : undefined,
    // The source's word that the commit went back in history, true or false.
    ancestorOfPrevious: rng.chance(0.2) ? rng.chance(0.8) : undefined,
    triggeredBy: rng.chance(0.2) ? rng.pick(V.PEOPLE) : undefined,
    approvals: gen.approvals(finishedAt),
  });
  const moved = ["service", "finishedAt", "status", "environment", "commitSha"] as const;
  return rewrite(gen, "deployments", fresh, [
    ...moved,
    "changes",
    "rollbackOf",
    "ancestorOfPrevious",
  ]);
}

export function change(gen: Gen): Change {
  const { rng } = gen;
  const mergedAt = gen.instant();
  const incidents = [...gen.model.ids("incidents"), poolId(rng, "i")];
  // Linked work items: incidents (an incident fix is rework) and tickets (linked_ticket).
  const item = (): Change["linkedItems"][number] =>
    compact({
      id: rng.chance(0.4) ? rng.pick(incidents) : rng.pick(V.TICKETS),
      createdAt: rng.chance(0.5) ? mergedAt - rng.span(20) : undefined,
    });
  const fresh = compact<Change>({
    id: gen.id("changes", "c"),
    service: gen.service(),
    mergedAt,
    title: rng.chance(0.6) ? rng.pick(V.TITLES) : undefined,
    labels: rng.some(V.LABELS, 0.15),
    author: rng.chance(0.8) ? rng.pick(V.PEOPLE) : undefined,
    createdAt: rng.chance(0.5) ? mergedAt - rng.span(5) : undefined,
    mergeCommitSha: rng.chance(0.3) ? rng.pick(V.SHAS) : undefined,
    // A commit authored after the merge is clock skew: lead time counts it as 0.
    commits: Array.from({ length: rng.int(0, 2) }, () => ({
      sha: rng.pick(V.SHAS),
      authoredAt: mergedAt + (rng.chance(0.1) ? HOUR : -rng.span(10)),
    })),
    linkedItems: Array.from({ length: rng.int(0, 2) }, item),
    approvals: gen.approvals(mergedAt),
    reverts: rng.chance(0.1) ? gen.id("changes", "c") : undefined,
  });
  return rewrite(gen, "changes", fresh, ["mergedAt", "service", "labels", "title", "approvals"]);
}

/** Often just after a deployment (inside or on the edge of the attribution window). */
export function incident(gen: Gen): Incident {
  const { rng } = gen;
  const near = rng.chance(0.6) ? gen.deployed() : undefined;
  const startedAt = near
    ? near.finishedAt + rng.pick([0, 1, -1, rng.span(0.5), rng.span(2), 12 * HOUR])
    : gen.instant();
  const sha = near?.commitSha ?? rng.pick(V.SHAS);
  // A change the nearby deployment probably shipped (merged before it, same service).
  const cause = gen.model
    .all("changes")
    .filter((c) => near && c.service === near.service && c.mergedAt < near.finishedAt)
    .map((c) => c.id);
  const fresh = compact<Incident>({
    id: gen.id("incidents", "i"),
    service: near && rng.chance(0.7) ? near.service : gen.service(),
    startedAt,
    // Resolved later, possibly after asOf, or unresolved.
    resolvedAt: rng.chance(0.55) ? startedAt + rng.span(4) : undefined,
    severity: rng.chance(0.5) ? rng.pick(V.SEVERITIES) : undefined,
    deploymentId: rng.chance(0.2) ? gen.id("deployments", "d") : undefined,
    // Six characters are too short to be a reference; seven and more are prefixes.
    commitSha: rng.chance(0.3) ? sha.slice(0, rng.pick([6, 7, 8, 12, 40])) : undefined,
    changeId: rng.chance(0.25) ? rng.pick([...cause, gen.id("changes", "c")]) : undefined,
  });
  return rewrite(gen, "incidents", fresh, ["resolvedAt", "startedAt", "service", "deploymentId"]);
}
