import {
  API,
  BILLING,
  type Expectation,
  MONEY,
  ORG,
  PLATFORM,
  WEB,
  w7,
  w30,
  w90,
  x,
} from "./independent-expect.ts";

// Actions cost by hand (METRICS.md "Cost", ci-cost.ts): each repository-day's bill split
// by job minutes, a job's share going to the first ci_controls pattern its name matches
// (required_checks: ci, /^test/ · linked_ticket: ticket-check); acme/mono's shares halved
// between api and web; USD × 0.8 = EUR. Rows belong to windows by their day's start.
//   06-01 billing 10 USD, no minutes that day → billing 8 EUR. Starts at 06-01T00:00: 90d only.
//   06-03 mono 12 USD; minutes ci 40, ticket-check 2, deploy 38 of 80 → rc 6, lt 0.3,
//         rest 5.7 USD → per service rc 2.4, lt 0.12, rest 2.28 EUR (4.8)
//   06-20 billing 7.5 USD; test 10, deploy 20 of 30 → rc 2 EUR, rest 4 EUR
//   06-25 no repository, 9 USD, by that day's minutes mono 30 : billing 15 → 6 : 3 USD;
//         mono ci 20, ticket-check 2, lint 8 → per service rc 1.6, lt 0.16, rest 0.64 EUR
//         (2.4); billing 2.4 EUR
//   06-26 acme/sandbox (no service) 4 USD → 3.2 EUR unattributed; mono's 0 USD item and
//         the Packages item cost nothing in Actions.
// 30d: api 4.8+2.4 = 7.2 · web 7.2 · platform 14.4 · billing 2+4+2.4 = 8.4 · org 26
// 7d (06-25, 06-26): api 2.4 · web 2.4 · billing 2.4 · org 10.4

const COST = "kpi_cost";
const PER_DEPLOY = "kpi_cost_per_deployment";
const PER_CHANGE = "kpi_cost_per_change";
const CONTROL = "kpi_control_cost";
const EUR = { currency: "EUR" };
const ci = { ...EUR, category: "ci" };
const rc = { ...EUR, control: "required_checks" };
const lt = { ...EUR, control: "linked_ticket" };

export const COSTS: Expectation[] = [
  x(COST, API, { ...w30, ...ci }, 7.2),
  x(COST, WEB, { ...w30, ...ci }, 7.2),
  x(COST, PLATFORM, { ...w30, ...ci }, 14.4),
  x(COST, BILLING, { ...w30, ...ci }, 8.4),
  x(COST, ORG, { ...w30, ...ci }, 26),
  x(COST, ORG, { ...w7, ...ci }, 10.4),
  x(COST, MONEY, { ...w90, ...ci }, 16.4),
  x(COST, ORG, { ...w90, ...ci }, 34),
  x(COST, ORG, { ...w30, ...EUR, category: "cloud" }, undefined),
  // Everything but sandbox's 3.2 EUR.
  x("kpi_cost_attribution_ratio", ORG, w30, 22.8 / 26),
  x("kpi_cost_attribution_ratio", ORG, w7, 7.2 / 10.4),
  x("kpi_cost_attribution_ratio", ORG, w90, 30.8 / 34),

  // ÷ deployments (6, 5, 11, 4, 15 in 30d; 1, 1, 3 in 7d; billing 5, org 16 in 90d)
  x(PER_DEPLOY, API, { ...w30, ...EUR }, 7.2 / 6),
  x(PER_DEPLOY, WEB, { ...w30, ...EUR }, 7.2 / 5),
  x(PER_DEPLOY, PLATFORM, { ...w30, ...EUR }, 14.4 / 11),
  x(PER_DEPLOY, MONEY, { ...w30, ...EUR }, 8.4 / 4),
  x(PER_DEPLOY, ORG, { ...w30, ...EUR }, 26 / 15),
  x(PER_DEPLOY, API, { ...w7, ...EUR }, 2.4),
  x(PER_DEPLOY, ORG, { ...w7, ...EUR }, 10.4 / 3),
  x(PER_DEPLOY, MONEY, { ...w90, ...EUR }, 16.4 / 5),
  x(PER_DEPLOY, ORG, { ...w90, ...EUR }, 34 / 16),
  // ÷ changes deployed (5, 5, 10, 4, 14 in 30d; 1, 0, 2 in 7d)
  x(PER_CHANGE, API, { ...w30, ...EUR }, 7.2 / 5),
  x(PER_CHANGE, WEB, { ...w30, ...EUR }, 7.2 / 5),
  x(PER_CHANGE, PLATFORM, { ...w30, ...EUR }, 14.4 / 10),
  x(PER_CHANGE, MONEY, { ...w30, ...EUR }, 8.4 / 4),
  x(PER_CHANGE, ORG, { ...w30, ...EUR }, 26 / 14),
  x(PER_CHANGE, API, { ...w7, ...EUR }, 2.4),
  x(PER_CHANGE, MONEY, { ...w7, ...EUR }, undefined),
  x(PER_CHANGE, ORG, { ...w7, ...EUR }, 10.4 / 2),

  // required_checks 30d: api 2.4+1.6 · billing 2 · org 4+4+2; linked_ticket: 0.12+0.16 each
  x(CONTROL, API, { ...w30, ...rc }, 4),
  x(CONTROL, WEB, { ...w30, ...rc }, 4),
  x(CONTROL, PLATFORM, { ...w30, ...rc }, 8),
  x(CONTROL, BILLING, { ...w30, ...rc }, 2),
  x(CONTROL, ORG, { ...w30, ...rc }, 10),
  x(CONTROL, API, { ...w30, ...lt }, 0.28),
  x(CONTROL, PLATFORM, { ...w30, ...lt }, 0.56),
  x(CONTROL, MONEY, { ...w30, ...lt }, undefined),
  x(CONTROL, ORG, { ...w30, ...lt }, 0.56),
  // 7d: only 06-25's mono shares carry a control.
  x(CONTROL, PLATFORM, { ...w7, ...rc }, 3.2),
  x(CONTROL, MONEY, { ...w7, ...rc }, undefined),
  x(CONTROL, ORG, { ...w7, ...lt }, 0.32),
];
