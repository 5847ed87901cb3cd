// Which relations the generated cases reach, judged by the full recompute over the
// generator's own picture of the store (no database needed). A property that passes over
// cases that never fail a deployment by commit, say, proves nothing about that rule, so
// the test asserts each of these is reached at some comparison.
import type { EngineConfig } from "../../src/config/engine-config.ts";
import type { Deployment, ExperimentResult, RecordSet } from "../../src/domain/records.ts";
import { analyzeRecords } from "../../src/engine/snapshot.ts";
import { type Kind, Model } from "./incremental-property-model.ts";
import { START } from "./incremental-property-random.ts";
import type { Step } from "./incremental-property-steps.ts";

/** Relations seen over the whole record set at asOf, beside the production deployments. */
const ACROSS: [string, (r: RecordSet, asOf: number, production: Deployment[]) => unknown][] = [
  ["non-production deployment", (r, _, production) => r.deployments.length > production.length],
  ["failed attempt", (r) => r.deployments.some((d) => d.status === "failure")],
  ["records after asOf", (r, asOf) => r.deployments.some((d) => d.finishedAt > asOf)],
  [
    "a rollback mark naming no production deployment (yet)",
    (r, _, production) =>
      r.deployments.some((d) => d.rollbackOf && !production.some((p) => p.id === d.rollbackOf)),
  ],
  [
    "an incident resolved after asOf",
    (r, asOf) => r.incidents.some((i) => i.startedAt <= asOf && (i.resolvedAt ?? 0) > asOf),
  ],
  [
    "a prefix naming deployments of several services",
    (r, _, production) =>
      r.incidents.some((i) => {
        const named = production.filter((d) => i.commitSha && d.commitSha.startsWith(i.commitSha));
        return (i.commitSha?.length ?? 0) >= 7 && new Set(named.map((d) => d.service)).size > 1;
      }),
  ],
  [
    "approved by the author",
    (r) => r.changes.some((c) => c.approvals.some((a) => a.by.toLowerCase() === c.author)),
  ],
  ["unattributed cost", (r) => r.costs.some((c) => c.service === undefined)],
  ["vulnerability fixed", (r, asOf) => r.vulnerabilities.some((v) => (v.fixedAt ?? asOf) < asOf)],
  [
    "vulnerability dismissed",
    (r, asOf) => r.vulnerabilities.some((v) => (v.dismissedAt ?? asOf) < asOf),
  ],
];

const CONTROLS = ["required_checks", "change_approval", "deployment_approval", "linked_ticket"];
export const RELATIONS = [
  ...["deployment_id", "commit_sha", "change_id", "attribution_window"].map(
    (r) => `failed by ${r}`,
  ),
  ...["recovered", "unrecovered", "failed by rollback alone"],
  "failed by another service's incident",
  ...["rollback_mark", "rollback_sha", "rollback_ancestor"].map((rule) => `rolled back by ${rule}`),
  "rolled back by another service",
  ...["rollback", "revert", "incident_fix", "rework_label"].map((r) => `rework by ${r}`),
  ...CONTROLS.flatMap((c) => [`${c} passes`, `${c} fails`]),
  "required_checks from a branch policy",
  ...["shipped by a list", "shipped by merge order", "an empty list", "a deployed feature"],
  "a list winning over an earlier deployment without one",
  "revenue of a deployed change",
  ...ACROSS.map(([relation]) => relation),
  ...["deployments", "changes", "incidents", "checks"].map((kind) => `rewritten ${kind}`),
  ...["clock back", "clock onto a record's instant", "an engine built from stored records"],
];

function relationsAt(records: RecordSet, config: EngineConfig, asOf: number, into: Set<string>) {
  const { analysis } = analyzeRecords(records, config, asOf);
  const tag = (condition: unknown, relation: string) => condition && into.add(relation);
  for (const f of analysis.deployments) {
    for (const link of f.failure?.incidents ?? []) {
      into.add(`failed by ${link.rule}`);
      tag(link.incident.service !== f.deployment.service, "failed by another service's incident");
    }
    tag(f.failure, f.failure?.recoveredAt === undefined ? "unrecovered" : "recovered");
    tag(f.failure?.incidents.length === 0, "failed by rollback alone");
    tag(f.rolledBackBy, `rolled back by ${f.rolledBackBy?.rule}`);
    tag(
      f.rolledBackBy && f.rolledBackBy.rollback.service !== f.deployment.service,
      "rolled back by another service",
    );
    for (const reason of f.rework ?? []) into.add(`rework by ${reason.rule}`);
    for (const v of f.controls) into.add(`${v.control} ${v.pass ? "passes" : "fails"}`);
    const policy = ["gateway", "mystery"].includes(f.deployment.service);
    tag(
      policy && f.controls.some((v) => v.control === "required_checks"),
      "required_checks from a branch policy",
    );
    tag(f.shipped.length, f.deployment.changes ? "shipped by a list" : "shipped by merge order");
    tag(f.deployment.changes?.length === 0, "an empty list");
  }
  tag(
    analysis.changes.some((c) => c.featureLatencyMs !== undefined),
    "a deployed feature",
  );
  const { byService, rollbacks } = analysis.timeline;
  tag(
    analysis.changes.some(
      ({ change, deployment }) =>
        deployment.changes &&
        byService
          .get(change.service)
          ?.some(
            (d) =>
              !d.changes &&
              !rollbacks.has(d.id) &&
              d.finishedAt > change.mergedAt &&
              d.finishedAt < deployment.finishedAt,
          ),
    ),
    "a list winning over an earlier deployment without one",
  );
  const deployedChange = (e: ExperimentResult) => analysis.deploymentOfChange.has(e.changeId);
  tag(records.experiments.some(deployedChange), "revenue of a deployed change");
  for (const [relation, reached] of ACROSS)
    tag(reached(records, asOf, analysis.timeline.production), relation);
}

/** The relations reached at the comparisons of these cases. */
export function relationsReached(config: EngineConfig, cases: readonly Step[][]): Set<string> {
  const reached = new Set<string>();
  for (const steps of cases) {
    const model = new Model();
    let asOf = START;
    for (const step of steps) {
      if ("asOf" in step) {
        if (step.asOf < asOf) reached.add("clock back");
        if (model.instants().includes(step.asOf)) reached.add("clock onto a record's instant");
        asOf = step.asOf;
      } else if ("restart" in step) {
        if (model.instants().length) reached.add("an engine built from stored records");
      } else {
        for (const [kind, list] of Object.entries(step.write) as [Kind, object[]][])
          if (list.some((r) => model.has(kind, r))) reached.add(`rewritten ${kind}`);
        model.add(step.write, step.policies);
      }
      if (step.compare) relationsAt(model.records(), config, asOf, reached);
    }
  }
  return reached;
}
