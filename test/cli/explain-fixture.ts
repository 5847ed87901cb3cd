import { writeFile } from "node:fs/promises";
import { join } from "node:path";

// A config and an NDJSON file for the command-line and HTTP tests of explain and the
// evidence ledger. d1 ships c1 and is failed by INC-1 two hours later (window rule),
// resolved after another 1h30; d2 has an id with slashes, as GitHub's do, and is
// rolled back by d3 (rollbackOf), which recovers it.

export const AS_OF = "2026-06-30T00:00:00Z";
export const SLASHED = "acme/checkout/deployments/7";

const CONFIG = `version: kpi-exporter/v1
teams:
  - name: payments
    services: [{ name: checkout }]
compliance:
  controls:
    required_checks: [sast]
    deployment_approval: true
`;

const line = (record: Record<string, unknown>) => JSON.stringify(record);
const deployment = (id: string, finishedAt: string, commitSha: string, extra = {}) =>
  line({
    kind: "deployment",
    id,
    service: "checkout",
    environment: "production",
    finishedAt,
    commitSha,
    ...extra,
  });

export const EVENTS = [
  deployment("d1", "2026-06-01T10:00:00Z", `aaaaaaa${"1".repeat(33)}`, {
    triggeredBy: "alice",
    approvals: [{ by: "bob", at: "2026-06-01T09:00:00Z" }],
  }),
  line({
    kind: "change",
    id: "c1",
    service: "checkout",
    mergedAt: "2026-06-01T08:00:00Z",
    commits: [{ sha: "1234567", authoredAt: "2026-05-31T08:00:00Z" }],
  }),
  line({
    kind: "check",
    commitSha: `aaaaaaa${"1".repeat(33)}`,
    name: "sast",
    conclusion: "success",
    completedAt: "2026-06-01T09:30:00Z",
  }),
  line({
    kind: "incident",
    id: "INC-1",
    service: "checkout",
    startedAt: "2026-06-01T12:00:00Z",
    resolvedAt: "2026-06-01T13:30:00Z",
  }),
  deployment(SLASHED, "2026-06-10T10:00:00Z", `bbbbbbb${"2".repeat(33)}`, { changes: [] }),
  deployment("d3", "2026-06-11T10:00:00Z", `ccccccc${"3".repeat(33)}`, { rollbackOf: SLASHED }),
];

/** Writes config.yaml and events.ndjson into dir; returns their paths. */
export async function writeFixture(dir: string) {
  const config = join(dir, "config.yaml");
  const events = join(dir, "events.ndjson");
  await writeFile(config, CONFIG);
  await writeFile(events, `${EVENTS.join("\n")}\n`);
  return { config, events };
}
