import * as units from "@grafana/grafana-foundation-sdk/units";
import { parseDuration } from "../config/duration.ts";
import { type EngineConfig, toEngineConfig } from "../config/engine-config.ts";
import { defaultConfig } from "../config/load.ts";
import type { ConfigFile } from "../config/schema.ts";
import type { Severity } from "../domain/records.ts";

// What the dashboards take from the config: the reporting currency (for the unit and
// the `currency` matcher), the windows offered by the `window` variable, and the
// thresholds the panels are coloured by (DORA levels, vulnerability SLAs), so that the
// colours agree with the levels and overdue counts the exporter computes.

export interface DashboardOptions {
  currency: string;
  windows: string[];
  defaultWindow: string;
  levels: EngineConfig["levels"];
  slaSeconds: Record<Severity, number>;
  snapshotIntervalSeconds: number;
}

const PREFERRED_WINDOW = "30d";

export function dashboardOptions(config: ConfigFile = defaultConfig()): DashboardOptions {
  const engine = toEngineConfig(config);
  const windows = engine.windows.map((w) => w.label);
  const sla = engine.vulnerabilitySlaMs;
  return {
    currency: engine.currency,
    windows,
    defaultWindow: windows.includes(PREFERRED_WINDOW) ? PREFERRED_WINDOW : (windows[0] ?? ""),
    levels: engine.levels,
    slaSeconds: {
      critical: sla.critical / 1000,
      high: sla.high / 1000,
      medium: sla.medium / 1000,
      low: sla.low / 1000,
    },
    snapshotIntervalSeconds: toSeconds(config.snapshot_interval),
  };
}

function toSeconds(duration: string): number {
  return (parseDuration(duration) ?? 0) / 1000;
}

// Grafana knows a few dozen currencies by code (currencyEUR, currencyUSD, …); any other
// ISO 4217 code is shown as a suffix, so an amount is never displayed under a wrong symbol.
const GRAFANA_CURRENCY_UNITS: ReadonlySet<string> = new Set(
  Object.values(units as Record<string, unknown>).filter(
    (unit): unit is string => typeof unit === "string" && /^currency[A-Z]{3}$/.test(unit),
  ),
);

export function currencyUnit(code: string): string {
  const unit = `currency${code}`;
  return GRAFANA_CURRENCY_UNITS.has(unit) ? unit : `suffix: ${code}`;
}
