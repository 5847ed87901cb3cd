import type { ConfigFile } from "../config/schema.ts";

// Cost attribution happens at ingest (METRICS.md decision 14), so the engine only sums
// rows per service and a catalogue change shows up after the next import.

export interface AttributableCost {
  service?: string;
  tags?: Record<string, string>;
  subAccountId?: string;
  resourceId?: string;
}

type CostSelectors = NonNullable<ConfigFile["teams"][number]["services"][number]["cost_selectors"]>;

function selectorsMatch(selectors: CostSelectors, row: AttributableCost): boolean {
  const tags = Object.entries(selectors.tags ?? {});
  // An empty tag list would match every row; it selects nothing instead.
  if (tags.length > 0 && tags.every(([key, value]) => row.tags?.[key] === value)) return true;
  if (row.subAccountId !== undefined && selectors.sub_accounts?.includes(row.subAccountId))
    return true;
  const resource = row.resourceId;
  // Likewise an empty prefix: a catch-all must be spelt out as a service's explicit rows.
  if (resource !== undefined)
    return (selectors.resource_prefixes ?? []).some((p) => p !== "" && resource.startsWith(p));
  return false;
}

/**
 * The service a cost row belongs to: its explicit service, else the first catalogue
 * service (in config order) whose cost_selectors match, else undefined (unattributed).
 */
export function attributeCost(row: AttributableCost, config: ConfigFile): string | undefined {
  if (row.service !== undefined) return row.service;
  for (const team of config.teams)
    for (const service of team.services)
      if (service.cost_selectors && selectorsMatch(service.cost_selectors, row))
        return service.name;
  return undefined;
}
