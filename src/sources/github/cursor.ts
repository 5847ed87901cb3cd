// What one repository's sync remembers between runs. Every position is a value GitHub
// reported (a created_at or updated_at), never the local clock, and the request URLs are
// built only from these, so an unchanged repository repeats the same URLs and every
// request can be answered 304.

import type { RestDeployment } from "./normalize/deployments.ts";

export interface LastDeployed {
  id: string;
  sha: string;
  finishedAt: number;
}

export interface RepoCursor {
  /** Fixed at the first sync: history_days before it. */
  historyStart: number;
  deploymentsThrough?: string;
  pendingDeployments: RestDeployment[];
  runsThrough?: string;
  pendingRuns: number[];
  /** Deploy runs that may still be re-run (30 days): run id → latest attempt stored. */
  deployAttempts: Record<string, { attempt: number; createdAt: string }>;
  /** Deploy workflow files seen, whose runs are listed again to find re-runs. */
  deployWorkflows: string[];
  pullsThrough?: string;
  /** Per service: its latest production deployment, the base of the next comparison. */
  lastDeployed: Record<string, LastDeployed>;
  alertsThrough: Record<string, string>;
  /** Actions job minutes per UTC day and job name, the weights that spread billed cost. */
  minutes: Record<string, Record<string, number>>;
}

export function newCursor(historyStart: number): RepoCursor {
  return {
    historyStart,
    pendingDeployments: [],
    pendingRuns: [],
    deployAttempts: {},
    deployWorkflows: [],
    lastDeployed: {},
    alertsThrough: {},
    minutes: {},
  };
}

export function readCursor(value: unknown, historyStart: number): RepoCursor {
  if (typeof value !== "object" || value === null) return newCursor(historyStart);
  return { ...newCursor(historyStart), ...(value as Partial<RepoCursor>) };
}

/** ISO instants compare as text only when written alike, so compare them as instants. */
export function after(iso: string, through: string | undefined): boolean {
  return through === undefined || Date.parse(iso) > Date.parse(through);
}

export function latest(a: string | undefined, b: string): string {
  return a === undefined || Date.parse(b) > Date.parse(a) ? b : a;
}
