import {
  API,
  BILLING,
  type Expectation,
  MONEY,
  NONE,
  ORG,
  PLATFORM,
  q,
  WEB,
  w7,
  w30,
  w90,
  x,
} from "./independent-expect.ts";

// Throughput by hand: deployments, frequency, changes deployed and lead time.

const PROD = { environment: "production" };
const FREQ = "dora_deployment_frequency_per_day";
const CHANGES = "dora_changes_deployed";
const LEAD = "dora_change_lead_time_seconds";

export const DELIVERY: Expectation[] = [
  // Successful deploy runs on main. Not counted: 607 (branch canary), the Deployments API
  // entry (environments: false), 902 (failed); 901 failed once and counts once.
  x("dora_deployments_total", API, PROD, 6),
  x("dora_deployments_total", WEB, PROD, 5),
  x("dora_deployments_total", BILLING, PROD, 5),

  // 30d: A1–A6, W1–W5, B1–B4 (B0 finished at the open lower bound).
  x(FREQ, API, w30, 6 / 30),
  x(FREQ, WEB, w30, 5 / 30),
  x(FREQ, PLATFORM, w30, 11 / 30),
  x(FREQ, BILLING, w30, 4 / 30),
  x(FREQ, MONEY, w30, 4 / 30),
  x(FREQ, ORG, w30, 15 / 30),
  // 7d: A6, W5, B4.
  x(FREQ, PLATFORM, w7, 2 / 7),
  x(FREQ, MONEY, w7, 1 / 7),
  x(FREQ, ORG, w7, 3 / 7),
  // 90d: B0 too.
  x(FREQ, MONEY, w90, 5 / 90),
  x(FREQ, ORG, w90, 16 / 90),

  // api #1 #4 #6 #8 #9 · web #2 #3 #4 #7 #9 (#4 and #9 touch both) · billing #1 b2 #2 #3.
  // #5 (docs only) and #10 (unmerged) are nobody's change.
  x(CHANGES, API, w30, 5),
  x(CHANGES, WEB, w30, 5),
  x(CHANGES, PLATFORM, w30, 10),
  x(CHANGES, MONEY, w30, 4),
  x(CHANGES, ORG, w30, 14),
  // 7d: #9 in api (A6) and in web (W5); billing's B4 is a rollback and ships nothing.
  x(CHANGES, PLATFORM, w7, 2),
  x(CHANGES, MONEY, w7, undefined),
  x(CHANGES, ORG, w7, 2),

  // Lead times, first authored commit → deployment finish:
  //   api  #1 06-01 09:00→A1 92,100 · #4 06-04 08:00→A2 96,000 · #6 06-07 10:00→A3 88,200
  //        #8 06-12 09:00→A5 5,400 · #9 06-25 10:00→A6 88,800
  //   sorted 5,400 88,200 88,800 92,100 96,000: p50 x[2]; p90 h=3.6 → 92,100+0.6·3,900
  ...q(LEAD, API, w30, [88_800, 94_440]),
  //   web  #2 06-02 12:00→W1 82,200 · #3 05-31 11:00→W2 259,200 · #4 06-04 08:00→W3 96,300
  //        #7 06-09 10:00→W4 88,500 · #9 06-25 10:00→W5 89,400
  //   sorted 82,200 88,500 89,400 96,300 259,200: p50 x[2]; p90 96,300+0.6·162,900
  //   (were #3 shipped by W1 at 10:50 by merge order: 258,600 and p90 193,680)
  ...q(LEAD, WEB, w30, [89_400, 194_040]),
  //   platform, 10 samples: p50 h=4.5 → (88,800+89,400)/2; p90 h=8.1 → 96,300+0.1·162,900
  ...q(LEAD, PLATFORM, w30, [89_100, 112_590]),
  //   billing #1 06-14 09:00→B1 95,400 · b2 06-16 07:30→B2 357,000 · #2 06-18 10:00→B2
  //        175,200 · #3 06-22 08:00→B3 95,700
  //   sorted 95,400 95,700 175,200 357,000: p50 h=1.5 → 95,700+0.5·79,500;
  //   p90 h=2.7 → 175,200+0.7·181,800
  ...q(LEAD, BILLING, w30, [135_450, 302_460]),
  ...q(LEAD, MONEY, w30, [135_450, 302_460]),
  //   org, 14 samples: 5,400 82,200 88,200 88,500 88,800 89,400 92,100 95,400 95,700 96,000
  //   96,300 175,200 259,200 357,000: p50 h=6.5 → 92,100+0.5·3,300; p90 h=11.7 →
  //   175,200+0.7·84,000
  ...q(LEAD, ORG, w30, [93_750, 234_000]),
  ...q(LEAD, ORG, w90, [93_750, 234_000]),
  // 7d: 88,800 (api #9) and 89,400 (web #9); p90 88,800+0.9·600.
  ...q(LEAD, API, w7, [88_800, 88_800]),
  ...q(LEAD, PLATFORM, w7, [89_100, 89_340]),
  ...q(LEAD, ORG, w7, [89_100, 89_340]),
  ...q(LEAD, MONEY, w7, NONE),
];
