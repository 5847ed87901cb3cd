import { ConfigError } from "../../config/load.ts";
import type { ConfigFile } from "../../config/schema.ts";
import {
  DEFAULT_OUT_DIR,
  renderDashboardFiles,
  writeDashboardFiles,
} from "../../dashboards/write.ts";
import { errorMessage } from "../../domain/error-message.ts";
import { loadConfigFile } from "../../sources/config-file.ts";

// `kpi-exporter dashboards`: writes the Grafana dashboards and provisioning files. Only an
// explicit --config changes them (currency, windows, levels, SLAs); KPI_CONFIG and
// ./kpi-exporter.yaml are not consulted, so the checked-in tree regenerates identically
// on every machine.

export interface DashboardsOptions {
  out?: string;
  config?: string;
}

async function configOf(file: string | undefined): Promise<ConfigFile | undefined> {
  return file === undefined ? undefined : loadConfigFile(file);
}

export async function dashboardsCommand(options: DashboardsOptions): Promise<number> {
  const outDir = options.out ?? DEFAULT_OUT_DIR;
  let config: ConfigFile | undefined;
  try {
    config = await configOf(options.config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    process.stderr.write(`cannot read config ${options.config}: ${errorMessage(error)}\n`);
    return 1;
  }
  const result = await writeDashboardFiles(outDir, renderDashboardFiles(config));
  for (const path of result.removed) process.stdout.write(`removed ${outDir}/${path}\n`);
  const dashboards = result.written.filter((p) => p.endsWith(".json")).length;
  process.stdout.write(
    `wrote ${dashboards} dashboards and ${result.written.length - dashboards} provisioning files to ${outDir}/ (currency ${config?.currency ?? "EUR"})\n`,
  );
  return 0;
}
