import type { Severity, Vulnerability } from "../../../domain/records.ts";
import { after, latest } from "../cursor.ts";
import {
  type AlertContext,
  fromCodeScanningAlert,
  fromDependabotAlert,
  fromSecretScanningAlert,
} from "../normalize/alerts.ts";
import { isUnavailable, type RepoSync, repoParams } from "./context.ts";

// Dependabot, code-scanning and secret-scanning alerts, most recently updated first down
// to the last update seen. A feature not enabled on the repository (404) or not readable
// by the token (403) is skipped and logged, never a failed sync.

type Normalize = (alert: never, ctx: AlertContext) => Vulnerability | undefined;

const KINDS: { key: string; route: string; normalize: Normalize }[] = [
  {
    key: "dependabot",
    route: "GET /repos/{owner}/{repo}/dependabot/alerts",
    normalize: fromDependabotAlert,
  },
  {
    key: "code-scanning",
    route: "GET /repos/{owner}/{repo}/code-scanning/alerts",
    normalize: fromCodeScanningAlert,
  },
  {
    key: "secret-scanning",
    route: "GET /repos/{owner}/{repo}/secret-scanning/alerts",
    normalize: fromSecretScanningAlert,
  },
];

interface Updated {
  updated_at?: string | null;
}

async function syncKind(sync: RepoSync, kind: (typeof KINDS)[number], ctx: AlertContext) {
  const through = sync.cursor.alertsThrough[kind.key];
  let newest = through;
  const found: Vulnerability[] = [];
  const pages = sync.octokit.paginate.iterator(
    kind.route as "GET /repos/{owner}/{repo}/code-scanning/alerts",
    {
      ...repoParams(sync),
      sort: "updated",
      direction: "desc",
      per_page: 100,
    },
  );
  listing: for await (const page of pages)
    for (const alert of page.data as unknown as Updated[]) {
      const updated = alert.updated_at ?? "";
      if (!after(updated, through)) break listing;
      newest = latest(newest, updated);
      const v = kind.normalize(alert as never, ctx);
      if (v) found.push(v);
    }
  if (newest) sync.cursor.alertsThrough[kind.key] = newest;
  sync.vulnerabilities.push(...found);
}

export async function syncAlerts(sync: RepoSync): Promise<void> {
  if (!sync.source.security_alerts) return;
  const ctx: AlertContext = {
    repository: sync.target.repository,
    // A shared repository cannot tell which service an alert is about: its first service.
    service: (sync.target.services[0] as { service: string }).service,
    secretScanningSeverity: sync.source.secret_scanning_severity as Severity,
  };
  for (const kind of KINDS) {
    try {
      await syncKind(sync, kind, ctx);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      sync.logger.info(`GitHub ${kind.key} alerts unavailable`, {
        repository: sync.target.repository,
        status: (error as { status?: number }).status,
      });
    }
  }
}
