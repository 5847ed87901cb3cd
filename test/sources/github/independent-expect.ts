// The vocabulary of the hand-computed expectations (independent-expect-*.ts): scopes,
// windows, and one expected sample, or an expected absence, per entry.
//
// Evaluation instant: 2026-07-01T00:00:00Z. Windows are half-open (asOf − w, asOf]:
//   7d  = (06-24T00:00, 07-01T00:00]
//   30d = (06-01T00:00, 07-01T00:00]   06-01T00:00 itself is outside
//   90d = (04-02T00:00, 07-01T00:00]
// Deployments by hand (finish instants, see independent-mono.ts and -billing.ts):
//   api  A1 06-02 10:35 · A2 06-05 10:40 · A3 06-08 10:30 · A4 06-08 14:20 (rollback of A3)
//        A5 06-12 10:30 · A6 06-26 10:40
//   web  W1 06-03 10:50 · W2 06-03 11:00 · W3 06-05 10:45 · W4 06-10 10:35 · W5 06-26 10:50
//   billing B0 06-01 00:00 · B1 06-15 11:30 · B2 06-20 10:40 · B3 06-23 10:35
//        B4 06-25 09:20 (rollback of B3)
// Which deployment ships which change, by git ancestry (contract §3):
//   A1 #1 · A2 #4 · A3 #6 · A5 #8 · A6 #9 · W1 #2 · W2 #3 · W3 #4 · W4 #7 · W5 #9
//   B1 #1 · B2 b2 (direct push) and #2 · B3 #3; rollbacks and B0 ship nothing.
// #3 merged at 10:20 while W1 (commit m2, which lacks #3) was still running: git ancestry
// puts #3 in W2, merge order alone would put it in W1.

export type Labels = Record<string, string>;

export interface Expectation {
  /** metric{labels}, the test's title. */
  title: string;
  metric: string;
  labels: Labels;
  /** undefined: the series must not exist. */
  value: number | undefined;
}

export const API = { team: "platform", service: "api" };
export const WEB = { team: "platform", service: "web" };
export const PLATFORM = { team: "platform" };
export const BILLING = { team: "money", service: "billing" };
export const MONEY = { team: "money" };
export const ORG = {};

export const w7 = { window: "7d" };
export const w30 = { window: "30d" };
export const w90 = { window: "90d" };

export function x(
  metric: string,
  scope: Labels,
  labels: Labels,
  value: number | undefined,
): Expectation {
  const all = { ...scope, ...labels };
  const text = Object.entries(all)
    .map(([k, v]) => `${k}="${v}"`)
    .join(",");
  return { title: `${metric}{${text}}`, metric, labels: all, value };
}

/** The p50 and p90 samples of a quantile family. */
export function q(
  metric: string,
  scope: Labels,
  labels: Labels,
  [p50, p90]: [number, number] | [undefined, undefined],
): Expectation[] {
  return [
    x(metric, scope, { ...labels, quantile: "0.5" }, p50),
    x(metric, scope, { ...labels, quantile: "0.9" }, p90),
  ];
}

export const NONE: [undefined, undefined] = [undefined, undefined];
