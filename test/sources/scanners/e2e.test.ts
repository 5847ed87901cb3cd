import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { REPO } from "../../support/cli.ts";
import { type CliSession, cliSession } from "../../support/cli-session.ts";
import { sample } from "../../support/exposition.ts";

// The user's path: scanner reports imported per service, out of order, then `metrics`.
// Fixtures (test/fixtures/scanners, README there) and what they hold:
//
// checkout, Trivy image scans A 2026-05-01T10:00Z, B 2026-06-10T08:00Z, C 2026-06-25T08:00Z
//   fixed by B (A→B = 39 d 22 h = 3 448 800 s): libssl3 and libcrypto3 CVE-2024-6119 (high),
//     cross-spawn (high), the AWS key secret (critical), ws (high, first occurrence)
//   fixed by C (A→C = 54 d 22 h = 4 744 800 s): path-to-regexp (high), @babel/traverse
//     (critical), undici (UNKNOWN → low)
//   open: express (medium, since A), semver (high, since A: 59 d 14 h > 30 d, overdue),
//     busybox (medium, since B; its OS target changes tag and release, the finding stays),
//     ws again since C (a regression: a second occurrence)
// payments-api, CodeQL S1 2026-06-01T12:00Z, S2 2026-06-20T12:00Z
//   fixed by S2 (19 d = 1 641 600 s): js/sql-injection (8.8 → high),
//     js/useless-assignment-to-local (no security-severity, warning → medium)
//   open: js/reflected-xss (6.1 → medium), js/hardcoded-credentials (9.8 → critical, since
//     S1: 28 d 12 h > 7 d, overdue); js/log-injection is suppressed in source: dismissed

const AS_OF = "2026-06-30T00:00:00Z";
const FIXTURES = join(REPO, "test/fixtures/scanners");
const A = join(FIXTURES, "trivy-checkout-2026-05-01.json");
const B = join(FIXTURES, "trivy-checkout-2026-06-10.json");
const C = join(FIXTURES, "trivy-checkout-2026-06-25.json");
const S1 = join(FIXTURES, "codeql-payments-api-2026-06-01.sarif");
const S2 = join(FIXTURES, "codeql-payments-api-2026-06-20.sarif");
let session: CliSession;

const cli = (args: string[]) => session.cli(args);

beforeAll(async () => {
  session = await cliSession({
    name: "scanners-e2e",
    asOf: AS_OF,
    config: `version: kpi-exporter/v1
teams:
  - name: payments
    services: [{ name: checkout }, { name: payments-api }]
  - name: platform
    services: [{ name: billing }]
`,
  });
});
afterAll(async () => {
  await session?.close();
});

describe("Trivy and SARIF reports through import and metrics", () => {
  let metrics = "";
  beforeAll(async () => {
    const last = await cli(["import", "--format", "trivy", "--service", "checkout", C]);
    expect(last.stderr).toBe("");
    // C alone: busybox, express, semver, ws.
    expect(last.stdout).toMatch(/^accepted vulnerability 4; 4 written, 0 unchanged, 0 rejected/);
    const earlier = await cli(["import", "--format", "trivy", "--service", "checkout", A, B]);
    // A with C: 11 records, 10 of them new or earlier-opened (busybox unchanged); then B
    // with A and C: 12 records (ws splits in two), 7 changed: four fixes move from C to B,
    // both ws occurrences, busybox now opened at B.
    expect(earlier.stdout).toMatch(/^accepted vulnerability 23; 17 written, 6 unchanged, 0 rej/);
    const sarif = await cli(["import", "--format", "sarif", "--service", "payments-api", S2, S1]);
    expect(sarif.code).toBe(0);
    metrics = (await cli(["metrics"])).stdout;
  }, 180_000);

  test("re-importing a report changes nothing", async () => {
    const again = await cli(["import", "--format", "trivy", "--service", "checkout", A]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^accepted vulnerability 12; 0 written, 12 unchanged/);
  });

  test("open and overdue findings per severity, at every scope with findings", () => {
    const open = (labels: string) => sample(metrics, "kpi_vulnerabilities_open", labels);
    const overdue = (labels: string) => sample(metrics, "kpi_vulnerabilities_overdue", labels);
    const checkout = 'team="payments",service="checkout",';
    // semver, ws (second occurrence) | express, busybox
    expect(open(`${checkout}severity="high"`)).toBe(2);
    expect(open(`${checkout}severity="medium"`)).toBe(2);
    expect(open(`${checkout}severity="critical"`)).toBe(0);
    expect(overdue(`${checkout}severity="high"`)).toBe(1);
    const api = 'team="payments",service="payments-api",';
    expect(open(`${api}severity="critical"`)).toBe(1);
    expect(open(`${api}severity="medium"`)).toBe(1);
    expect(open(`${api}severity="high"`)).toBe(0); // log injection is dismissed
    expect(overdue(`${api}severity="critical"`)).toBe(1);
    // Team and organisation: the two services summed.
    for (const scope of ['team="payments",', ""]) {
      expect(open(`${scope}severity="critical"`)).toBe(1);
      expect(open(`${scope}severity="high"`)).toBe(2);
      expect(open(`${scope}severity="medium"`)).toBe(3);
      expect(open(`${scope}severity="low"`)).toBe(0);
      expect(overdue(`${scope}severity="critical"`)).toBe(1);
      expect(overdue(`${scope}severity="high"`)).toBe(1);
      expect(overdue(`${scope}severity="medium"`)).toBe(0);
    }
    expect(metrics).not.toMatch(/kpi_vulnerabilities_open\{team="platform"/);
  });

  test("remediation time from first seen to the first scan without the finding", () => {
    const q = (labels: string) =>
      sample(metrics, "kpi_vulnerability_remediation_time_seconds", labels);
    const checkout = 'window="30d",team="payments",service="checkout",';
    // critical [3 448 800, 4 744 800]: p50 = mean = 4 096 800; p90 = x0 + 0.9·1 296 000
    expect(q(`${checkout}severity="critical",quantile="0.5"`)).toBe(4_096_800);
    expect(q(`${checkout}severity="critical",quantile="0.9"`)).toBe(4_615_200);
    // high [3 448 800 ×4, 4 744 800]: h = 3.6 for p90 → x3 + 0.6·1 296 000
    expect(q(`${checkout}severity="high",quantile="0.5"`)).toBe(3_448_800);
    expect(q(`${checkout}severity="high",quantile="0.9"`)).toBe(4_226_400);
    expect(q(`${checkout}severity="low",quantile="0.5"`)).toBe(4_744_800);
    expect(q(`${checkout}severity="medium",quantile="0.5"`)).toBeUndefined();
    // 7d (after 06-23): only C's fixes.
    const week = 'window="7d",team="payments",service="checkout",';
    expect(q(`${week}severity="high",quantile="0.9"`)).toBe(4_744_800);
    expect(q(`${week}severity="critical",quantile="0.5"`)).toBe(4_744_800);
    const api = 'window="30d",team="payments",service="payments-api",';
    expect(q(`${api}severity="high",quantile="0.5"`)).toBe(1_641_600);
    expect(q(`${api}severity="medium",quantile="0.5"`)).toBe(1_641_600);
    expect(
      q('window="7d",team="payments",service="payments-api",severity="high",quantile="0.5"'),
    ).toBeUndefined();
    // Team: high [1 641 600, 3 448 800 ×4, 4 744 800]: p90 h = 4.5 → x4 + 0.5·1 296 000
    expect(q('window="30d",team="payments",severity="high",quantile="0.5"')).toBe(3_448_800);
    expect(q('window="30d",team="payments",severity="high",quantile="0.9"')).toBe(4_096_800);
    expect(q('window="90d",severity="medium",quantile="0.9"')).toBe(1_641_600);
  });
});
