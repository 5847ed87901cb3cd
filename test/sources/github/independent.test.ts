import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CONTROLS } from "./independent-expect-controls.ts";
import { COSTS } from "./independent-expect-cost.ts";
import { DELIVERY } from "./independent-expect-delivery.ts";
import { RISK } from "./independent-expect-risk.ts";
import { STABILITY } from "./independent-expect-stability.ts";
import {
  APP,
  AS_OF,
  type Independent,
  parseExposition,
  type Sample,
  seriesValue,
  startIndependent,
} from "./independent-setup.ts";

// The GitHub source against an organisation whose KPIs were computed by hand from the
// contract and METRICS.md, never from the exporter's output (independent-expect-*.ts hold
// each value with its derivation). The path is a user's: `sync` over HTTP as a GitHub App
// installation behind a GitHub Enterprise Server base URL, then `metrics --as-of AS_OF`
// with the default windows 7d, 30d and 90d.

let env: Independent | undefined;
let samples: Sample[] = [];
let syncOutput = "";

beforeAll(async () => {
  env = await startIndependent();
  const sync = await env.cli(["sync"]);
  syncOutput = `exit ${sync.code}\n${sync.stdout}${sync.stderr}`;
  samples = parseExposition((await env.cli(["metrics"])).stdout);
}, 60_000);
afterAll(() => env?.close());

describe(`independent GitHub organisation at ${AS_OF}`, () => {
  test("syncs as a GitHub App installation under /api/v3, GraphQL under /api/graphql", () => {
    // The collector's status line, whole: on failure it names every repository's error.
    expect(/^github: ([^\n]*?);? \d+ records written/m.exec(syncOutput)?.[1]).toBe("ok");
    expect(syncOutput).toMatch(/^exit 0\n/);
    const log = env?.fake.requests ?? [];
    const exchanges = log.filter(
      (r) =>
        r.method === "POST" && r.path === `/app/installations/${APP.installationId}/access_tokens`,
    );
    expect(exchanges.map((r) => r.status)).toEqual([201]);
    // Nothing refused, and nothing asked for outside the prefix (the fake answers 404 there).
    expect(log.filter((r) => r.status === 401 || r.status === 404)).toEqual([]);
    expect(log.filter((r) => r.graphql && r.status === 200).length).toBeGreaterThan(0);
  });

  for (const e of [...DELIVERY, ...STABILITY, ...CONTROLS, ...RISK, ...COSTS])
    test(e.title, () => {
      const got = seriesValue(samples, e.metric, e.labels);
      if (e.value === undefined) expect(got).toBeUndefined();
      else expect(got).toBeCloseTo(e.value, 6);
    });
});
