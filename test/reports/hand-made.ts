import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { ConfigFile } from "../../src/config/schema.ts";
import { importLines } from "../../src/import/index.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

// A small organisation whose Q2 and Q3 2026 are computed by hand in build.test.ts. Items sit
// on the quarter's edges on purpose: a deployment and a cost row at 2026-07-01T00:00:00Z
// (first instant of Q3), others at 2026-10-01T00:00:00Z (first instant of Q4, outside).

export const CONFIG = {
  version: "kpi-exporter/v1",
  currency: "EUR",
  windows: ["7d", "30d", "90d", "92d"],
  teams: [
    { name: "payments", services: [{ name: "checkout" }, { name: "billing" }] },
    { name: "platform", services: [{ name: "runners" }, { name: "idle" }] },
  ],
  compliance: { controls: { change_approval: 1, deployment_approval: true } },
};

export const config = (): ConfigFile => parseConfig(CONFIG);

const approved = (at: string) => [{ by: "rel", at }];
const change = (id: string, service: string, mergedAt: string, firstCommit: string, ok = true) => ({
  kind: "change",
  id,
  service,
  mergedAt,
  author: "alice",
  commits: [{ sha: `${id}0000000`, authoredAt: firstCommit }],
  ...(ok && { approvals: [{ by: "bob", at: mergedAt }] }),
});
const deployment = (
  id: string,
  service: string,
  finishedAt: string,
  changes: string[],
  ok = true,
) => ({
  kind: "deployment",
  id,
  service,
  environment: "production",
  finishedAt,
  commitSha: `${id}aaaaaaa`,
  changes,
  ...(ok && { approvals: approved(finishedAt) }),
});

export const LINES = [
  // Q2: one deployment of one change with a 2-day lead time.
  change("c0", "checkout", "2026-05-09T10:00:00Z", "2026-05-08T10:00:00Z"),
  deployment("d0", "checkout", "2026-05-10T10:00:00Z", ["c0"]),
  // Q3: three deployments; d2 misses both controls and fails (incident, 2 h to recover).
  change("c1", "checkout", "2026-06-30T12:00:00Z", "2026-06-30T00:00:00Z"),
  deployment("d1", "checkout", "2026-07-01T00:00:00Z", ["c1"]),
  change("c2", "checkout", "2026-08-15T10:00:00Z", "2026-08-13T12:00:00Z", false),
  deployment("d2", "checkout", "2026-08-15T12:00:00Z", ["c2"], false),
  {
    kind: "incident",
    id: "i1",
    service: "checkout",
    startedAt: "2026-08-15T13:00:00Z",
    resolvedAt: "2026-08-15T15:00:00Z",
    deploymentId: "d2",
  },
  change("c3", "runners", "2026-09-29T23:59:59Z", "2026-09-29T23:59:59Z"),
  deployment("d3", "runners", "2026-09-30T23:59:59Z", ["c3"]),
  // Q4: outside.
  change("c4", "checkout", "2026-09-30T23:00:00Z", "2026-09-30T22:00:00Z"),
  deployment("d4", "checkout", "2026-10-01T00:00:00Z", ["c4"]),
  // Cost: 100 attributed and 50 unattributed in Q3, 200 in Q2, 30 in Q4.
  cost("checkout", "cloud", 100, "2026-07-01T00:00:00Z"),
  cost(undefined, "cloud", 50, "2026-09-15T00:00:00Z"),
  cost("runners", "cloud", 200, "2026-06-30T00:00:00Z"),
  cost("checkout", "ci", 30, "2026-10-01T00:00:00Z"),
  // A critical finding open over Q2's end (overdue then), fixed in Q3 after 32 days; a
  // high one opened a month before Q3's end (open, within its 30-day SLA).
  {
    kind: "vulnerability",
    id: "v1",
    service: "checkout",
    severity: "critical",
    openedAt: "2026-06-01T00:00:00Z",
    fixedAt: "2026-07-03T00:00:00Z",
  },
  {
    kind: "vulnerability",
    id: "v2",
    service: "runners",
    severity: "high",
    openedAt: "2026-09-01T00:00:00Z",
  },
];

function cost(service: string | undefined, category: string, amount: number, day: string) {
  const end = new Date(Date.parse(day) + 86_400_000).toISOString();
  return {
    kind: "cost",
    id: `${service ?? "shared"}-${category}-${day}`,
    amount,
    currency: "EUR",
    periodStart: day,
    periodEnd: end,
    category,
    ...(service !== undefined && { service }),
  };
}

export const NDJSON = `${LINES.map((line) => JSON.stringify(line)).join("\n")}\n`;

/** An in-memory store holding LINES. */
export async function handMadeStore(): Promise<Store> {
  const store = await openStore({});
  const report = await importLines(NDJSON.trim().split("\n"), "hand-made.ndjson", {
    store,
    config: config(),
  });
  if (report.rejected.length) throw new Error(JSON.stringify(report.rejected));
  return store;
}

/** A directory with the config as YAML and the records as NDJSON, for the command line. */
export async function handMadeFiles(): Promise<{
  dir: string;
  config: string;
  events: string;
  cleanup(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), "kpi-report-"));
  const configFile = join(dir, "kpi-exporter.yaml");
  const events = join(dir, "events.ndjson");
  await writeFile(configFile, stringify(CONFIG));
  await writeFile(events, NDJSON);
  return {
    dir,
    config: configFile,
    events,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
