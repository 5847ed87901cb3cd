import { afterEach } from "vitest";
import type { RecordSet } from "../../src/domain/records.ts";
import { type OpenStoreOptions, openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

// One record per kind with every optional field set, and one with none of them, so a
// round trip proves both that values survive and that absent fields stay absent.

const t = (iso: string) => Date.parse(iso);

export function fullRecordSet(): RecordSet {
  return {
    deployments: [
      {
        id: "dep-1",
        service: "checkout",
        environment: "production",
        finishedAt: t("2026-03-01T10:00:00.123Z"),
        commitSha: "abc1234",
        startedAt: t("2026-03-01T09:55:00.001Z"),
        status: "failure",
        changes: ["chg-1", "chg-2"],
        rollbackOf: "dep-0",
        triggeredBy: "alice",
        approvals: [{ by: "bob", at: t("2026-03-01T09:50:00Z") }],
        url: "https://ci.example/runs/1",
      },
      // Empty list: "ships nothing", which must not come back as "unknown".
      { ...minimalDeployment(), id: "dep-2", changes: [] },
      minimalDeployment(),
    ],
    changes: [
      {
        id: "chg-1",
        service: "checkout",
        mergedAt: t("2026-03-01T08:00:00Z"),
        title: "feat: one-click pay",
        labels: ["feature", "payments"],
        author: "alice",
        createdAt: t("2026-02-27T12:00:00Z"),
        mergeCommitSha: "abc1234",
        commits: [{ sha: "aaa", authoredAt: t("2026-02-27T11:00:00Z") }],
        linkedItems: [{ id: "PAY-1", createdAt: t("2026-02-20T00:00:00Z") }, { id: "PAY-2" }],
        approvals: [{ by: "bob", at: t("2026-03-01T07:00:00Z") }],
        reverts: "chg-0",
        url: "https://git.example/pr/1",
      },
      {
        id: "chg-min",
        service: "checkout",
        mergedAt: t("2026-03-01T08:00:00Z"),
        labels: [],
        commits: [],
        linkedItems: [],
        approvals: [],
      },
    ],
    incidents: [
      {
        id: "inc-1",
        service: "checkout",
        startedAt: t("2026-03-01T11:00:00Z"),
        resolvedAt: t("2026-03-01T12:30:00Z"),
        severity: "SEV1",
        deploymentId: "dep-1",
        commitSha: "abc1234",
        changeId: "chg-1",
        title: "checkout down",
        url: "https://pager.example/1",
      },
      { id: "inc-min", service: "checkout", startedAt: t("2026-03-02T11:00:00Z") },
    ],
    checks: [
      {
        commitSha: "abc1234",
        name: "sast",
        conclusion: "success",
        completedAt: t("2026-03-01T09:00:00Z"),
        service: "checkout",
        url: "https://ci.example/checks/1",
      },
      // Same commit, name and time without a service: a distinct identity.
      {
        commitSha: "abc1234",
        name: "sast",
        conclusion: "failure",
        completedAt: t("2026-03-01T09:00:00Z"),
      },
    ],
    vulnerabilities: [
      {
        id: "vul-1",
        service: "checkout",
        severity: "critical",
        openedAt: t("2026-02-01T00:00:00Z"),
        fixedAt: t("2026-02-03T00:00:00Z"),
        dismissedAt: t("2026-02-02T00:00:00Z"),
        dismissedReason: "false positive",
        source: "trivy",
        url: "https://scan.example/1",
      },
      { id: "vul-min", service: "checkout", severity: "low", openedAt: t("2026-02-01T00:00:00Z") },
    ],
    costs: [
      {
        id: "cost-1",
        amount: 92.5,
        originalAmount: 100.54347826086956,
        originalCurrency: "USD",
        periodStart: t("2026-03-01T00:00:00Z"),
        periodEnd: t("2026-03-02T00:00:00Z"),
        category: "ci",
        service: "checkout",
        tags: { team: "payments", env: "prod" },
        control: "required_checks",
      },
      {
        id: "cost-min",
        amount: 0.1 + 0.2,
        originalAmount: 0.1 + 0.2,
        originalCurrency: "EUR",
        periodStart: t("2026-03-01T00:00:00Z"),
        periodEnd: t("2026-03-02T00:00:00Z"),
        category: "cloud",
      },
    ],
    experiments: [
      {
        id: "exp-1",
        changeId: "chg-1",
        currency: "EUR",
        controlMean: 10.25,
        treatmentMean: 11.5,
        treatmentUnits: 1234,
        ciLow: -0.5,
        ciHigh: 2.75,
        metric: "revenue_per_user",
        url: "https://ab.example/1",
      },
      {
        id: "exp-min",
        changeId: "chg-1",
        currency: "EUR",
        controlMean: 1,
        treatmentMean: 2,
        treatmentUnits: 3,
      },
    ],
  };
}

function minimalDeployment() {
  return {
    id: "dep-min",
    service: "checkout",
    environment: "staging",
    finishedAt: t("1969-12-31T23:59:59.999Z"),
    commitSha: "def5678",
    status: "success" as const,
    approvals: [],
  };
}

/** A store opener whose stores are all closed after each test (call it inside a suite). */
export function closedAfterEach(): (options: OpenStoreOptions) => Promise<Store> {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return async (options) => {
    const store = await openStore(options);
    opened.push(store);
    return store;
  };
}
