// Record builders for the KPI engine tests: instants are written as ISO-8601 strings
// ("2026-06-25" is UTC midnight) and converted to epoch ms; optional fields left out are
// absent from the record, as the store returns them.
import type {
  Approval,
  Change,
  CheckResult,
  CostRow,
  Deployment,
  ExperimentResult,
  Incident,
  RecordSet,
  Severity,
  Vulnerability,
} from "../../src/domain/records.ts";

export function ms(iso: string): number {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new Error(`bad ISO instant ${iso}`);
  return value;
}
const opt = (iso?: string) => (iso === undefined ? undefined : ms(iso));
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
/** A 40-hex commit SHA derived from a name; the default SHA of deployment `id`. */
export const shaOf = (name: string) =>
  Buffer.from(name).toString("hex").padEnd(40, "0").slice(0, 40);
/** [by, ISO instant] */
export type ApprovalSpec = [string, string];
const approvals = (list: ApprovalSpec[] = []): Approval[] =>
  list.map(([by, at]) => ({ by, at: ms(at) }));

export interface DeploymentSpec {
  id: string;
  at: string;
  service?: string;
  sha?: string;
  env?: string;
  status?: "success" | "failure";
  changes?: string[];
  rollbackOf?: string;
  ancestorOfPrevious?: boolean;
  approvals?: ApprovalSpec[];
}
/** Defaults: service checkout, environment prod, status success, commit shaOf(id). */
export const deployment = (d: DeploymentSpec): Deployment =>
  compact({
    id: d.id,
    service: d.service ?? "checkout",
    environment: d.env ?? "prod",
    finishedAt: ms(d.at),
    commitSha: d.sha ?? shaOf(d.id),
    status: d.status ?? "success",
    changes: d.changes,
    rollbackOf: d.rollbackOf,
    ancestorOfPrevious: d.ancestorOfPrevious,
    approvals: approvals(d.approvals),
  });

export interface ChangeSpec {
  id: string;
  mergedAt: string;
  service?: string;
  title?: string;
  labels?: string[];
  author?: string;
  createdAt?: string;
  /** authoredAt of each commit */
  commits?: string[];
  /** work item id, or [id, createdAt] */
  linked?: (string | [string, string])[];
  approvals?: ApprovalSpec[];
  reverts?: string;
}
export const change = (c: ChangeSpec): Change =>
  compact({
    id: c.id,
    service: c.service ?? "checkout",
    mergedAt: ms(c.mergedAt),
    title: c.title,
    labels: c.labels ?? [],
    author: c.author,
    createdAt: opt(c.createdAt),
    commits: (c.commits ?? []).map((at, i) => ({ sha: shaOf(`${c.id}.${i}`), authoredAt: ms(at) })),
    linkedItems: (c.linked ?? []).map((l) =>
      typeof l === "string" ? { id: l } : { id: l[0], createdAt: ms(l[1]) },
    ),
    approvals: approvals(c.approvals),
    reverts: c.reverts,
  });

export interface IncidentSpec {
  id: string;
  startedAt: string;
  service?: string;
  resolvedAt?: string;
  deploymentId?: string;
  commitSha?: string;
  changeId?: string;
}
export const incident = (i: IncidentSpec): Incident =>
  compact({
    ...i,
    service: i.service ?? "checkout",
    startedAt: ms(i.startedAt),
    resolvedAt: opt(i.resolvedAt),
  });

export const check = (
  commitSha: string,
  name: string,
  conclusion: string,
  at: string,
  service?: string,
): CheckResult => compact({ commitSha, name, conclusion, completedAt: ms(at), service });

export const vuln = (v: {
  id: string;
  severity: Severity;
  openedAt: string;
  service?: string;
  fixedAt?: string;
  dismissedAt?: string;
}): Vulnerability =>
  compact({
    ...v,
    service: v.service ?? "checkout",
    openedAt: ms(v.openedAt),
    fixedAt: opt(v.fixedAt),
    dismissedAt: opt(v.dismissedAt),
  });

/** A cost row of one day starting at `start`, already in the reporting currency (EUR). */
export const cost = (
  id: string,
  amount: number,
  category: "cloud" | "ci",
  start: string,
  service?: string,
  control?: string,
): CostRow =>
  compact({
    id,
    amount,
    originalAmount: amount,
    originalCurrency: "EUR",
    periodStart: ms(start),
    periodEnd: ms(start) + 86_400_000,
    category,
    service,
    control,
  });

/** estimate = (treatment − control) × units; ci bounds the difference of means. */
export const experiment = (
  id: string,
  changeId: string,
  [control, treatment, units]: [number, number, number],
  ci?: [number, number],
  currency = "EUR",
): ExperimentResult =>
  compact({
    id,
    changeId,
    currency,
    controlMean: control,
    treatmentMean: treatment,
    treatmentUnits: units,
    ciLow: ci?.[0],
    ciHigh: ci?.[1],
  });

export const records = (r: Partial<RecordSet>): RecordSet => ({
  deployments: r.deployments ?? [],
  changes: r.changes ?? [],
  incidents: r.incidents ?? [],
  checks: r.checks ?? [],
  vulnerabilities: r.vulnerabilities ?? [],
  costs: r.costs ?? [],
  experiments: r.experiments ?? [],
});
