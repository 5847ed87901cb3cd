import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type CliSession, cliSession as newSession } from "../../support/cli-session.ts";

// The organisation every incident tool's CLI test syncs against: deployments and one
// change imported as NDJSON, and the same incidents told by each tool. Hand-computed
// DORA numbers for the 30d window ending AS_OF (2026-05-31T00:00Z, 2026-06-30T00:00Z]:
//
//   checkout  D1 06-01 10:00  D2 06-10 10:00 (ships acme/checkout#12, merged 06-09)
//             D3 06-20 10:00  D4 06-25 10:00
//   ledger    L1 06-05 10:00  L2 06-15 10:00
//
//   INC-A checkout by selector, 06-01 12:00 → 13:00: D1 by the 24 h window, 3 h
//   INC-B checkout by selector, names commit c3c3c3c, 06-22 08:00 → 10:00: D3 (46 h
//         after it, so only the reference links it), 48 h
//   INC-C ledger by selector, P2, 06-15 11:00 → 12:00: L2 by the window, 2 h
//   INC-D checkout, names acme/checkout#12, 06-12 09:00, open: D2 failed, unrecovered
//   noise: ledger P4 at 06-05 11:00 (below ledger's priorities, else L1 would fail) and
//          an unknown service's at 06-25 11:00 (matches nothing, else D4 would fail)
//
//   failed D1 D2 D3 L2 of 6 → 4/6; recoveries 7,200, 10,800, 172,800 s:
//   p50 = 10,800; p90 at h = 1.8: 10,800 + 0.8 × 162,000 = 140,400.
//   checkout 3/4, p50 at h = 0.5: 10,800 + 0.5 × 162,000 = 91,800; ledger 1/2, 7,200.
//   After INC-D closes 06-29 10:00 (D2 recovers in 19 d = 1,641,600 s): samples
//   7,200, 10,800, 172,800, 1,641,600 → p50 at h = 1.5: 10,800 + 0.5 × 162,000 = 91,800.

export const AS_OF = "2026-06-30T00:00:00Z";
export const SHA = {
  D1: "a1".repeat(20),
  D2: "b2".repeat(20),
  D3: "c3".repeat(20),
  D4: "d4".repeat(20),
  L1: "e5".repeat(20),
  L2: "f6".repeat(20),
};
export const INC_D_CLOSED = "2026-06-29T10:00:00Z";

const deployment = (id: keyof typeof SHA, service: string, finishedAt: string) =>
  JSON.stringify({
    kind: "deployment",
    id,
    service,
    environment: "production",
    finishedAt,
    commitSha: SHA[id],
  });

export const DELIVERY_NDJSON = [
  deployment("D1", "checkout", "2026-06-01T10:00:00Z"),
  deployment("D2", "checkout", "2026-06-10T10:00:00Z"),
  deployment("D3", "checkout", "2026-06-20T10:00:00Z"),
  deployment("D4", "checkout", "2026-06-25T10:00:00Z"),
  deployment("L1", "ledger", "2026-06-05T10:00:00Z"),
  deployment("L2", "ledger", "2026-06-15T10:00:00Z"),
  JSON.stringify({
    kind: "change",
    id: "acme/checkout#12",
    service: "checkout",
    mergedAt: "2026-06-09T09:00:00Z",
  }),
].join("\n");

/** The catalogue: selectors for every tool, so each test differs only in its source. */
export const TEAMS = `teams:
  - name: payments
    services:
      - name: checkout
        repositories: [acme/checkout]
        incidents: { tags: [checkout], opsgenie_teams: [payments-oncall], pagerduty_services: [PCHK001] }
      - name: ledger
        repositories: [acme/ledger]
        incidents: { tags: [ledger], pagerduty_services: [Ledger API], priorities: [P1, P2, high] }
`;

export const EXPECTED_FIRST = {
  ratio: 4 / 6,
  checkoutRatio: 3 / 4,
  ledgerRatio: 1 / 2,
  p50: 10_800,
  p90: 140_400,
  checkoutP50: 91_800,
  ledgerP50: 7_200,
};
export const EXPECTED_AFTER_CLOSE = { ratio: 4 / 6, p50: 91_800 };

/** One sample of the exposition by its exact label set, or undefined. */
export function sample(exposition: string, name: string, labels: Record<string, string>) {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(",");
  for (const line of exposition.split("\n")) {
    const m = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if ((m[2] as string).split(",").sort().join(",") === want) return Number(m[3]);
  }
  return undefined;
}

export type { CliSession };

/** A data directory and config of its own, the scenario's delivery imported; at AS_OF. */
export async function cliSession(
  configYaml: string,
  env: Record<string, string>,
): Promise<CliSession> {
  const session = await newSession({ name: "incidents", config: configYaml, asOf: AS_OF, env });
  const delivery = join(session.dir, "delivery.ndjson");
  await writeFile(delivery, `${DELIVERY_NDJSON}\n`);
  const imported = await session.cli(["import", delivery]);
  if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
  return session;
}
