// Checks, vulnerabilities, costs and experiments: records that join the delivery records
// by commit, service, change id or time alone. Checks cluster on deployed commits around
// the deployment's finish, so required_checks both passes and fails for each reason.
import type {
  CheckResult,
  CostRow,
  ExperimentResult,
  Vulnerability,
} from "../../src/domain/records.ts";
import { compact, type Gen } from "./incremental-property-model.ts";
import * as V from "./incremental-property-random.ts";
import { DAY, HOUR } from "./incremental-property-random.ts";

/** A check result, or a rewrite of a stored one with the other conclusion (same identity). */
export function check(gen: Gen): CheckResult[] {
  const { rng } = gen;
  const stored = gen.model.all("checks");
  if (stored.length && rng.chance(0.2)) {
    const c = rng.pick(stored);
    return [{ ...c, conclusion: c.conclusion === "success" ? "failure" : "success" }];
  }
  const d = gen.deployed();
  const other = rng.chance(0.3) ? gen.service() : undefined;
  const around = d ? d.finishedAt + rng.pick([0, 1, -1, -rng.span(0.3), rng.span(0.3)]) : undefined;
  const first = compact<CheckResult>({
    commitSha: d && rng.chance(0.85) ? d.commitSha : rng.pick(V.SHAS),
    name: rng.pick(V.CHECK_NAMES),
    conclusion: rng.pick(V.CONCLUSIONS),
    completedAt: around ?? gen.instant(),
    // Without a service a check counts for every deployment of its commit.
    service: rng.chance(0.5) ? (d?.service ?? other) : other,
  });
  if (!rng.chance(0.25)) return [first];
  // A re-run: several results of one check name on one commit, the latest decides.
  const completedAt = first.completedAt + rng.span(0.2);
  return [first, { ...first, completedAt, conclusion: rng.pick(V.CONCLUSIONS) }];
}

/** The results a deployment's required checks need, mostly successes before it finished. */
export function checkSuite(gen: Gen): CheckResult[] {
  const { rng } = gen;
  const d = gen.deployed();
  if (!d) return check(gen);
  return rng.some(V.CHECK_NAMES, 0.7).map((name) =>
    compact({
      commitSha: d.commitSha,
      name,
      conclusion: rng.chance(0.85) ? "success" : "failure",
      completedAt: d.finishedAt - (rng.chance(0.85) ? rng.pick([0, rng.span(0.2)]) : -1),
      service: rng.chance(0.6) ? d.service : undefined,
    }),
  );
}

/** Open, fixed, dismissed or both; opened up to two months before a recent instant. */
export function vulnerability(gen: Gen): Vulnerability[] {
  const { rng } = gen;
  const openedAt = gen.instant() - rng.span(60);
  const finding = compact<Vulnerability>({
    id: gen.id("vulnerabilities", "v"),
    service: gen.service(),
    severity: rng.pick(V.SEVERITIES),
    openedAt,
    fixedAt: rng.chance(0.4) ? openedAt + rng.span(40) : undefined,
    dismissedAt: rng.chance(0.25) ? openedAt + rng.span(40) : undefined,
  });
  return [finding];
}

/** Hour or day rows, in and out of the windows, attributed or not, some a control's CI. */
export function cost(gen: Gen): CostRow[] {
  const { rng } = gen;
  const amount = rng.int(1, 500);
  const periodStart = gen.instant();
  const category = rng.pick(["cloud", "ci"] as const);
  const row = compact<CostRow>({
    id: gen.id("costs", "k"),
    amount,
    originalAmount: amount,
    originalCurrency: "EUR",
    periodStart,
    periodEnd: periodStart + rng.pick([HOUR, DAY]),
    category,
    service: rng.chance(0.7) ? gen.service() : undefined,
    control: category === "ci" && rng.chance(0.4) ? rng.pick(V.CONTROLS) : undefined,
  });
  return [row];
}

/** A result for a change (written, not yet written, or never deployed); bounds or none. */
export function experiment(gen: Gen): ExperimentResult[] {
  const { rng } = gen;
  const ci = rng.chance(0.6);
  const result = compact<ExperimentResult>({
    id: gen.id("experiments", "e"),
    changeId: gen.id("changes", "c"),
    currency: "EUR",
    controlMean: rng.int(10, 20),
    treatmentMean: rng.int(8, 24),
    treatmentUnits: rng.int(1, 100),
    ciLow: ci ? -rng.int(0, 3) : undefined,
    ciHigh: ci ? rng.int(0, 5) : undefined,
  });
  return [result];
}
