import { type EngineConfig, toEngineConfig } from "../src/config/engine-config.ts";
import { type Random, randomStream } from "../src/demo/random.ts";
import type { Approval, Change, Deployment, LinkedItem, RecordSet } from "../src/domain/records.ts";
import { emptyRecordSet, SEVERITIES } from "../src/domain/records.ts";
import { parseConfig } from "../src/sources/config-file.ts";

// The benchmark organisation, built in memory (no JSON) at the scale the engine must
// handle: 500 services in 50 teams over 90 days, 100,000 production deployments (~10%
// rolled back or raising incidents), 500,000 changes, 20,000 incidents, 100,000
// findings, 1,000,000 cost rows and 10 checks per deployed commit. Deterministic for a
// seed. Memory-conscious: names, labels, tags and ticket ids are shared strings and
// frozen arrays, and every record of a kind is created with the same shape.

export interface BenchOptions {
  /** Fraction of the full size; 0.01 gives a quick 1,000-deployment run. */
  scale?: number;
  seed?: number;
  asOf?: number;
}

export interface BenchData {
  records: RecordSet;
  config: EngineConfig;
  asOf: number;
}

const SERVICES = 500;
const SERVICES_PER_TEAM = 10;
const DAYS = 90;
const FULL = { deployments: 100_000, changes: 500_000, findings: 100_000, costs: 1_000_000 };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CHECKS = [
  ...["sast", "trivy-image", "trivy-fs", "unit-tests", "integration-tests"],
  ...["lint", "build", "codeql", "license-scan", "e2e"],
];
const frozen = <T>(items: T[]) => Object.freeze(items) as T[];
const LABELS = { feature: frozen(["feature"]), bug: frozen(["bug"]), hotfix: frozen(["hotfix"]) };
const NONE = frozen<never>([]);
const TITLES = ["feat: add export", "fix: handle timeout", "chore: bump deps", "refactor: split"];
const PEOPLE = Array.from({ length: 400 }, (_, n) => `dev-${n}`);
const TICKETS = Array.from({ length: 20_000 }, (_, n) => `BENCH-${n + 1}`);

/** What every generator step needs. */
interface Gen {
  records: RecordSet;
  start: number;
  asOf: number;
  random: Random;
}

function benchConfig(services: string[]): EngineConfig {
  const teams = Array.from({ length: SERVICES / SERVICES_PER_TEAM }, (_, t) => ({
    name: `team-${String(t).padStart(2, "0")}`,
    services: services
      .slice(t * SERVICES_PER_TEAM, (t + 1) * SERVICES_PER_TEAM)
      .map((name) => ({ name, cost_selectors: { tags: { app: name } } })),
    // A tenth of the teams deploy continuously without manual approval.
    ...(t % 10 === 9 && { compliance: { controls: { deployment_approval: false } } }),
  }));
  const controls = {
    required_checks: ["sast", "/^trivy/", "unit-tests"],
    change_approval: 1,
    deployment_approval: true,
    linked_ticket: "^[A-Z]+-[0-9]+$",
  };
  const currency_rates = { USD: 0.92 };
  return toEngineConfig(
    parseConfig({ version: "kpi-exporter/v1", currency_rates, teams, compliance: { controls } }),
  );
}

/** `count` changes merged in (from, to), each with commits, a review and a ticket. */
function mergeChanges(g: Gen, service: string, count: number, from: number, to: number): Change[] {
  const { random } = g;
  const merged: Change[] = [];
  for (let n = 0; n < count; n++) {
    const mergedAt = from + ((to - from) * (n + random.next())) / count;
    const firstCommitAt = Math.max(g.start, mergedAt - random.spread(HOUR, 12 * DAY));
    const createdAt = (firstCommitAt + mergedAt) / 2;
    const author = random.pick(PEOPLE);
    const sha = random.hex(40);
    // Rebase merges: the merge commit is the change's last commit, one string for both.
    const commits = random.chance(0.5)
      ? [
          { sha: random.hex(40), authoredAt: firstCommitAt },
          { sha, authoredAt: createdAt },
        ]
      : [{ sha, authoredAt: firstCommitAt }];
    const review = random.next();
    const reviewer = review < 0.9 ? random.pick(PEOPLE) : review < 0.95 ? author : undefined;
    const kind = random.next();
    const change: Change = {
      id: `${service}#${g.records.changes.length + 1}`,
      service,
      mergedAt,
      title: random.pick(TITLES),
      labels: kind < 0.35 ? LABELS.feature : kind < 0.6 ? LABELS.bug : NONE,
      author,
      createdAt,
      mergeCommitSha: sha,
      commits,
      linkedItems: random.chance(0.92)
        ? [{ id: random.pick(TICKETS), createdAt: Math.max(g.start, firstCommitAt - DAY) }]
        : (NONE as LinkedItem[]),
      approvals: reviewer ? [{ by: reviewer, at: mergedAt - MINUTE }] : (NONE as Approval[]),
      reverts: n > 0 && random.chance(0.01) ? merged[n - 1]?.id : undefined,
    };
    g.records.changes.push(change);
    merged.push(change);
  }
  return merged;
}

function deployment(g: Gen, service: string, id: string, at: number, sha: string): Deployment {
  const approved = g.random.chance(0.9);
  const d: Deployment = {
    id,
    service,
    environment: "production",
    finishedAt: at,
    commitSha: sha,
    startedAt: at - 10 * MINUTE,
    status: "success",
    changes: undefined,
    rollbackOf: undefined,
    triggeredBy: g.random.pick(PEOPLE),
    approvals: approved ? [{ by: g.random.pick(PEOPLE), at: at - 30 * MINUTE }] : NONE,
  };
  g.records.deployments.push(d);
  return d;
}

/** A failed deployment raises 1–5 incidents: explicit references, or none (attribution window). */
function raiseIncidents(g: Gen, d: Deployment, shipped: Change[], gap: number): void {
  const { random, records } = g;
  for (let n = random.int(1, 5); n > 0; n--) {
    const startedAt = d.finishedAt + random.between(2 * MINUTE, Math.min(6 * HOUR, gap * 0.4));
    const resolvedAt = startedAt + random.spread(10 * MINUTE, 2 * DAY);
    const ref = random.next();
    if (startedAt > g.asOf) return;
    records.incidents.push({
      id: `inc-${records.incidents.length + 1}`,
      service: d.service,
      startedAt,
      resolvedAt: resolvedAt <= g.asOf ? resolvedAt : undefined,
      severity: random.pick(SEVERITIES),
      deploymentId: ref < 0.4 ? d.id : undefined,
      commitSha: ref >= 0.4 && ref < 0.6 ? d.commitSha.slice(0, 12) : undefined,
      changeId: ref >= 0.6 && ref < 0.75 ? random.pick(shipped).id : undefined,
    });
  }
}

function addChecks(g: Gen, d: Deployment): void {
  const failing = g.random.chance(0.03) ? g.random.int(0, CHECKS.length - 1) : -1;
  CHECKS.forEach((name, n) => {
    const conclusion = n === failing ? "failure" : "success";
    const completedAt = d.finishedAt - (30 - n) * MINUTE;
    g.records.checks.push({
      commitSha: d.commitSha,
      name,
      conclusion,
      completedAt,
      service: d.service,
    });
  });
}

/** Production history of one service: regular deployments, failed attempts, rollbacks. */
function deliveryHistory(g: Gen, service: string, deployments: number, changesEach: number): void {
  const { random } = g;
  const slot = (g.asOf - g.start - HOUR) / deployments;
  let mergeFrom = g.start;
  let previous: Deployment | undefined;
  let commitBefore: string | undefined;
  let rollBack = false;
  let hotfix = false;
  for (let k = 0; k < deployments; k++) {
    const at = g.start + HOUR + slot * (k + random.between(0.1, 0.9));
    const gap = g.start + HOUR + slot * (k + 1.1) - at;
    if (rollBack && previous && commitBefore) {
      // Half are marked rollbackOf; the rest only redeploy the commit that ran before.
      const rollback = deployment(g, service, `${service}-${k}`, at, commitBefore);
      if (random.chance(0.5)) rollback.rollbackOf = previous.id;
      [commitBefore, previous, rollBack] = [previous.commitSha, rollback, false];
      continue;
    }
    if (random.chance(0.01)) {
      deployment(g, service, `${service}-${k}`, at, random.hex(40)).status = "failure";
      continue;
    }
    const count = Math.max(1, Math.round(changesEach * random.between(0.4, 1.6)));
    const shipped = mergeChanges(
      g,
      service,
      count,
      mergeFrom,
      at - Math.min(45 * MINUTE, slot / 10),
    );
    if (hotfix) (shipped[0] as Change).labels = LABELS.hotfix;
    const d = deployment(g, service, `${service}-${k}`, at, shipped.at(-1)?.mergeCommitSha ?? "");
    if (random.chance(0.1)) d.changes = shipped.map((c) => c.id);
    addChecks(g, d);
    const fate = random.next();
    rollBack = fate < 0.035 && previous !== undefined;
    hotfix = fate >= 0.035 && fate < 0.105;
    if (hotfix) raiseIncidents(g, d, shipped, gap);
    [commitBefore, previous, mergeFrom] = [previous?.commitSha, d, at];
  }
}

function findings(g: Gen, service: string, count: number): void {
  const { random } = g;
  for (let n = 0; n < count; n++) {
    const openedAt = g.asOf - random.between(0, 2 * DAYS) * DAY;
    const fixedAt = random.chance(0.7) ? openedAt + random.spread(HOUR, 120 * DAY) : undefined;
    const dismissed = fixedAt === undefined && random.chance(0.1);
    g.records.vulnerabilities.push({
      id: `${service}-v${n}`,
      service,
      severity: random.pick(SEVERITIES),
      openedAt,
      fixedAt: fixedAt !== undefined && fixedAt <= g.asOf ? fixedAt : undefined,
      dismissedAt: dismissed ? openedAt + DAY : undefined,
      dismissedReason: dismissed ? "tolerable_risk" : undefined,
      source: "trivy",
    });
  }
}

/** Daily per-resource rows, round-robin over the days; no service = shared, unattributed. */
function costRows(g: Gen, service: string | undefined, count: number): void {
  const firstDay = g.start - (g.start % DAY) + DAY;
  const tags = Object.freeze({ app: service ?? "shared" });
  for (let n = 0; n < count; n++) {
    const periodStart = firstDay + (n % DAYS) * DAY;
    const ci = n % 11 === 10;
    const usd = g.random.chance(0.05);
    const original = Math.round(g.random.spread(0.5, 400) * 100) / 100;
    g.records.costs.push({
      id: `k${g.records.costs.length}`,
      amount: usd ? original * 0.92 : original,
      originalAmount: original,
      originalCurrency: usd ? "USD" : "EUR",
      periodStart,
      periodEnd: periodStart + DAY,
      category: ci ? "ci" : "cloud",
      service,
      tags,
      control: ci && n % 2 === 0 ? "required_checks" : undefined,
    });
  }
}

function experiments(g: Gen, count: number): void {
  const features = g.records.changes.filter((c) => c.labels === LABELS.feature);
  for (let n = 0; n < count && features.length; n++) {
    const controlMean = g.random.between(2, 50);
    const difference = controlMean * g.random.between(-0.01, 0.04);
    g.records.experiments.push({
      id: `exp-${n}`,
      changeId: g.random.pick(features).id,
      currency: "EUR",
      controlMean,
      treatmentMean: controlMean + difference,
      treatmentUnits: g.random.int(1_000, 100_000),
      ciLow: difference - controlMean * 0.02,
      ciHigh: difference + controlMean * 0.02,
    });
  }
}

export function syntheticBenchData(options: BenchOptions = {}): BenchData {
  const scale = options.scale ?? 1;
  const asOf = options.asOf ?? Date.UTC(2026, 5, 30);
  const random = randomStream(options.seed ?? 1, "bench");
  const g: Gen = { records: emptyRecordSet(), start: asOf - DAYS * DAY, asOf, random };
  const services = Array.from({ length: SERVICES }, (_, n) => `svc-${String(n).padStart(3, "0")}`);
  const each = (total: number) => Math.max(1, Math.round((total * scale) / SERVICES));
  // Rollbacks and failed attempts ship nothing, so the regular deployments carry a bit more.
  const changesEach = FULL.changes / FULL.deployments / 0.955;
  for (const service of services) {
    deliveryHistory(g, service, each(FULL.deployments), changesEach);
    findings(g, service, each(FULL.findings));
    costRows(g, service, each(FULL.costs * 0.99));
  }
  costRows(g, undefined, Math.round(FULL.costs * scale) - g.records.costs.length);
  experiments(g, Math.round(2_000 * scale));
  return { records: g.records, config: benchConfig(services), asOf };
}
