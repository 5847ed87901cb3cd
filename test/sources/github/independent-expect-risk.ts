import {
  BILLING,
  type Expectation,
  MONEY,
  NONE,
  ORG,
  PLATFORM,
  q,
  w7,
  w30,
  w90,
  x,
} from "./independent-expect.ts";

// Findings by hand (independent-alerts.ts). SLAs: critical 7d, high 30d, medium 90d,
// low 180d; overdue means older than the SLA. Dismissals are not remediations.
//   billing  dependabot 1 critical open 06-20 (11 d: overdue) · 2 high fixed after 10 d
//            3 medium dismissed · 4 low fixed 05-10 after 20 d
//            code scanning 1 high open 06-25 · 2 high fixed after 2 d 6 h · 3 low dismissed
//            secret scanning (high) 1 open 06-29 · 2 revoked after 12 h · 3 false positive
//   mono     dependabot 1 low open 04-10 · 2 medium open 04-02 00:00 (exactly 90 d: not
//            overdue) · 3 critical fixed after 2 d
//            code scanning 1 high open 05-15 (47 d: overdue) · secret scanning 1 open 06-10
// A monorepo alert names no service, so mono's are checked at team and org scope only.

const OPEN = "kpi_vulnerabilities_open";
const OVERDUE = "kpi_vulnerabilities_overdue";
const REMEDIATION = "kpi_vulnerability_remediation_time_seconds";
const sev = (severity: string) => ({ severity });

export const RISK: Expectation[] = [
  x(OPEN, BILLING, sev("critical"), 1),
  x(OPEN, BILLING, sev("high"), 2),
  x(OPEN, BILLING, sev("medium"), 0),
  x(OPEN, BILLING, sev("low"), 0),
  x(OVERDUE, BILLING, sev("critical"), 1),
  x(OVERDUE, BILLING, sev("high"), 0),
  x(OPEN, PLATFORM, sev("critical"), 0),
  x(OPEN, PLATFORM, sev("high"), 2),
  x(OPEN, PLATFORM, sev("medium"), 1),
  x(OPEN, PLATFORM, sev("low"), 1),
  x(OVERDUE, PLATFORM, sev("high"), 1),
  x(OVERDUE, PLATFORM, sev("medium"), 0),
  x(OVERDUE, PLATFORM, sev("low"), 0),
  x(OPEN, ORG, sev("critical"), 1),
  x(OPEN, ORG, sev("high"), 4),
  x(OPEN, ORG, sev("medium"), 1),
  x(OPEN, ORG, sev("low"), 1),
  x(OVERDUE, ORG, sev("critical"), 1),
  x(OVERDUE, ORG, sev("high"), 1),
  x(OVERDUE, ORG, sev("medium"), 0),
  x(OVERDUE, ORG, sev("low"), 0),

  // high, fixed in 30d: 43,200 (secret) 194,400 (code) 864,000 (dependabot) →
  // p50 194,400; p90 h=1.8 → 194,400+0.8·669,600
  ...q(REMEDIATION, BILLING, { ...w30, ...sev("high") }, [194_400, 730_080]),
  ...q(REMEDIATION, MONEY, { ...w30, ...sev("high") }, [194_400, 730_080]),
  ...q(REMEDIATION, ORG, { ...w30, ...sev("high") }, [194_400, 730_080]),
  ...q(REMEDIATION, PLATFORM, { ...w30, ...sev("critical") }, [172_800, 172_800]),
  ...q(REMEDIATION, ORG, { ...w30, ...sev("critical") }, [172_800, 172_800]),
  ...q(REMEDIATION, BILLING, { ...w30, ...sev("critical") }, NONE),
  ...q(REMEDIATION, BILLING, { ...w30, ...sev("medium") }, NONE),
  // dependabot 4, fixed 05-10: 90d only.
  ...q(REMEDIATION, BILLING, { ...w30, ...sev("low") }, NONE),
  ...q(REMEDIATION, BILLING, { ...w90, ...sev("low") }, [1_728_000, 1_728_000]),
  ...q(REMEDIATION, ORG, { ...w7, ...sev("high") }, NONE),
];
