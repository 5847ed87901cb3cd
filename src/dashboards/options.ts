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
    snapshotIntervalSeconds: config.snapshot_interval / 1000,
  };
}

// Amounts are shown to the cent and never scaled: Grafana's currencyEUR would turn
// €352,926.28 into "€353K", and a CFO reconciles these with the quarterly report and the
// ledger. Grafana's prefix and suffix units print the value as is, with the decimals set.
const SYMBOLS: Readonly<Record<string, string>> = { EUR: "€", USD: "$", GBP: "£", JPY: "¥" };
const MONEY_UNITS = new Set<string>();
export const MONEY_DECIMALS = 2;

export function currencyUnit(code: string): string {
  const symbol = SYMBOLS[code];
  const unit = symbol === undefined ? `suffix: ${code}` : `prefix:${symbol}`;
  MONEY_UNITS.add(unit);
  return unit;
}

/** Decimals for a panel or column in this unit: two for amounts, Grafana's choice otherwise. */
export function decimalsOf(unit: string | undefined): number | undefined {
  return unit !== undefined && MONEY_UNITS.has(unit) ? MONEY_DECIMALS : undefined;
}
