// Every alert links a runbook: its own runbook_url, else the configured base URL followed
// by the alert name. An alert with neither stops generation: a page without a runbook
// leaves whoever is woken up guessing.

export class RulesError extends Error {}

/** base + name; a base ending in "/" or "#" is used as written, otherwise "/" joins them. */
export function derivedRunbook(base: string, alertName: string): string {
  return /[/#]$/.test(base) ? `${base}${alertName}` : `${base}/${alertName}`;
}

export interface RunbookSource {
  /** What the error names, e.g. "alert KpiExporterAbsent" or "SLO checkout/availability". */
  subject: string;
  alertName: string;
  explicit: string | undefined;
  /** The config key that would hold an explicit runbook_url. */
  explicitKey: string;
  base: string | undefined;
}

export function resolveRunbook(source: RunbookSource): string {
  if (source.explicit !== undefined) return source.explicit;
  if (source.base !== undefined) return derivedRunbook(source.base, source.alertName);
  throw new RulesError(
    `${source.subject} has no runbook: set ${source.explicitKey} or alerting.runbook_base_url`,
  );
}
