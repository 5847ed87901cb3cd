// A hand-built organisation exercising every rule explain names, at AS_OF 2026-06-30:
// windows 7d = (06-23, 06-30], 30d = (05-31, 06-30]. Checkout deploys d1…d5, billing d6.
//
//   d1 06-10 10:00 sha A  explicit [c1], ships c1; failed by i1 (commitSha prefix "AAAAAAA"),
//                         recovered 06-12 06:00 (44h); compliant
//   d2 06-20 10:00 sha B  explicit [c2, c1]: ships c2 (c1 went with d1, its earliest
//                         lister: decision 134); failed by i2
//                         (window rule, 2h later, unresolved) and rolled back by d3;
//                         rework (c2 labelled hotfix); fails three controls
//   d3 06-25 10:00 sha A  redeploys d1's commit: rollback of d2 (commit rule); rework;
//                         compliant (a rollback ships no change)
//   d4 06-27 10:00 sha C  merge order, ships c3 (reverts c2); rolled back by d5 (rollbackOf),
//                         recovered 06-28 10:00 (24h); rework; fails three controls
//   d5 06-28 10:00 sha D  rollbackOf d4; failed by i3 (deploymentId), recovered 06-29 01:00
//                         (15h); rework; fails required_checks and deployment_approval
//   d6 06-29 00:00 sha E  billing, ships c9; failed by i4 (changeId c9), recovered 07:00 (7h);
//                         rework (c9 links incident i1); its sast result names another
//                         service, so required_checks fails
//   s1 (staging) and f1 (a failed attempt) are not production deployments.
import { explainDeployment } from "../../src/explain/explain-deployment.ts";
import {
  AS_OF,
  change,
  check,
  deployment,
  config as engineConfig,
  incident,
  ms,
  records,
} from "../engine/helpers.ts";

export const SHA = {
  A: `aaaaaaa${"1".repeat(33)}`,
  B: `bbbbbbb${"2".repeat(33)}`,
  C: `ccccccc${"3".repeat(33)}`,
  D: `ddddddd${"4".repeat(33)}`,
  E: `eeeeeee${"5".repeat(33)}`,
};

export const CONTROLS = {
  required_checks: ["sast"],
  change_approval: 1,
  deployment_approval: true,
  linked_ticket: "^[A-Z]+-[0-9]+$",
};

export const config = () => engineConfig({ compliance: { controls: CONTROLS } });

export const scenario = () =>
  records({
    deployments: [
      deployment({
        id: "d1",
        at: "2026-06-10T10:00Z",
        sha: SHA.A,
        changes: ["c1"],
        approvals: [["rita", "2026-06-10T09:00Z"]],
      }),
      deployment({ id: "d2", at: "2026-06-20T10:00Z", sha: SHA.B, changes: ["c2", "c1"] }),
      deployment({
        id: "d3",
        at: "2026-06-25T10:00Z",
        sha: SHA.A,
        approvals: [["rita", "2026-06-25T09:00Z"]],
      }),
      deployment({
        id: "d4",
        at: "2026-06-27T10:00Z",
        sha: SHA.C,
        approvals: [["rita", "2026-06-27T11:00Z"]],
      }),
      deployment({ id: "d5", at: "2026-06-28T10:00Z", sha: SHA.D, rollbackOf: "d4" }),
      deployment({ id: "d6", at: "2026-06-29T00:00Z", sha: SHA.E, service: "billing" }),
      deployment({ id: "s1", at: "2026-06-26T00:00Z", env: "staging" }),
      deployment({ id: "f1", at: "2026-06-26T05:00Z", status: "failure" }),
    ],
    changes: [
      change({
        id: "c1",
        mergedAt: "2026-06-09T12:00Z",
        commits: ["2026-06-08T12:00Z"],
        author: "carl",
        approvals: [["Ann", "2026-06-09T10:00Z"]],
        linked: [["PAY-1", "2026-06-01T00:00Z"]],
        labels: ["feature"],
      }),
      change({
        id: "c2",
        mergedAt: "2026-06-19T10:00Z",
        commits: ["2026-06-19T08:00Z"],
        author: "dora",
        labels: ["hotfix"],
      }),
      change({
        id: "c3",
        mergedAt: "2026-06-26T10:00Z",
        createdAt: "2026-06-26T00:00Z",
        author: "ann",
        approvals: [["Ann", "2026-06-26T09:00Z"]],
        linked: ["PAY-3"],
        reverts: "c2",
      }),
      change({
        id: "c9",
        service: "billing",
        mergedAt: "2026-06-28T00:00Z",
        commits: ["2026-06-27T00:00Z"],
        author: "yan",
        approvals: [["zoe", "2026-06-27T12:00Z"]],
        linked: ["BIL-9", "i1"],
      }),
    ],
    incidents: [
      incident({
        id: "i1",
        commitSha: "AAAAAAA",
        startedAt: "2026-06-12T00:00Z",
        resolvedAt: "2026-06-12T06:00Z",
      }),
      incident({ id: "i2", startedAt: "2026-06-20T12:00Z" }),
      incident({
        id: "i3",
        deploymentId: "d5",
        startedAt: "2026-06-29T00:00Z",
        resolvedAt: "2026-06-29T01:00Z",
      }),
      incident({
        id: "i4",
        service: "billing",
        changeId: "c9",
        startedAt: "2026-06-29T05:00Z",
        resolvedAt: "2026-06-29T07:00Z",
      }),
    ],
    checks: [
      check(SHA.A, "sast", "success", "2026-06-10T09:00Z"),
      check(SHA.B, "sast", "failure", "2026-06-20T09:00Z"),
      check(SHA.B, "sast", "success", "2026-06-20T09:30Z"),
      check(SHA.C, "sast", "success", "2026-06-27T11:00Z"),
      check(SHA.E, "sast", "success", "2026-06-28T23:00Z", "checkout"),
    ],
  });

export const PRODUCTION = ["d1", "d2", "d3", "d4", "d5", "d6"];

export function explain(id: string, asOf = AS_OF) {
  const e = explainDeployment(scenario(), config(), ms(asOf), id);
  if (!e) throw new Error(`no explanation for ${id}`);
  return e;
}
