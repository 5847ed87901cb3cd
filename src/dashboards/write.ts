import { mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ConfigFile } from "../config/schema.ts";
import { MARKER } from "./common.ts";
import { buildDashboards } from "./index.ts";
import { dashboardProvisioning, datasourceProvisioning } from "./provisioning.ts";

// The generated tree, byte for byte reproducible: JSON with sorted keys, 2-space indent
// and a trailing newline, so regenerating after an unrelated change yields no diff.

export const DEFAULT_OUT_DIR = "dashboards";
const GENERATED_DIRS = ["json", "provisioning"];

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

/** Path relative to the output directory (always with `/`) → file content. */
export function renderDashboardFiles(config?: ConfigFile): Map<string, string> {
  const files = new Map<string, string>();
  for (const { uid, folder, dashboard } of buildDashboards(config))
    files.set(`json/${folder}/${uid}.json`, stableJson(dashboard));
  files.set("provisioning/datasources/kpi-prometheus.yaml", datasourceProvisioning());
  files.set("provisioning/dashboards/kpi-exporter.yaml", dashboardProvisioning());
  return files;
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? listFiles(join(dir, e.name), `${prefix}${e.name}/`)
        : Promise.resolve([`${prefix}${e.name}`]),
    ),
  );
  return nested.flat().sort();
}

/** Every file under the generated sub-directories of `outDir`, relative, sorted. */
export async function listGeneratedTree(outDir: string): Promise<string[]> {
  const lists = await Promise.all(
    GENERATED_DIRS.map(async (d) => (await listFiles(join(outDir, d))).map((f) => `${d}/${f}`)),
  );
  return lists.flat().sort();
}

export interface WriteResult {
  written: string[];
  /** Files generated earlier (they carry the marker) that no dashboard produces any more. */
  removed: string[];
}

export async function writeDashboardFiles(
  outDir: string,
  files: Map<string, string>,
): Promise<WriteResult> {
  const removed: string[] = [];
  for (const path of await listGeneratedTree(outDir)) {
    if (files.has(path)) continue;
    const full = join(outDir, path);
    if (!(await readFile(full, "utf8")).includes(MARKER)) continue;
    await rm(full);
    await rmdir(dirname(full)).catch(() => undefined);
    removed.push(path);
  }
  for (const [path, content] of files) {
    const full = join(outDir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return { written: [...files.keys()], removed };
}
