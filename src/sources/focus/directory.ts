import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { ConfigFile } from "../../config/schema.ts";
import { canonicalJson } from "../../import/cost-identity.ts";

// The export folder a FOCUS source watches, and what it remembers about each file, so a
// run reads only files that are new or changed since they were stored.

/** Exports are written by the provider as .csv, .csv.gz or .parquet (.snappy.parquet…). */
const EXPORT_FILE = /\.(csv|csv\.gz|parquet)$/i;

export interface ExportFile {
  path: string;
  /** Path below the folder, with forward slashes: the file's key in the cursors. */
  name: string;
  size: number;
  mtimeMs: number;
}

/** Every export file below the folder, oldest first, so a newer re-export wins. */
export async function listExports(directory: string): Promise<ExportFile[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files: ExportFile[] = [];
  for (const entry of entries) {
    // Dot files are partial uploads and tool state, not exports.
    if (!entry.isFile() || entry.name.startsWith(".") || !EXPORT_FILE.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path);
    const name = relative(directory, path).split(sep).join("/");
    files.push({ path, name, size: info.size, mtimeMs: info.mtimeMs });
  }
  return files.sort(
    (a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

export interface StoredFile {
  size: number;
  mtimeMs: number;
  /** The settings the file's rows were computed with. */
  rules: string;
}

/**
 * What a file's rows depend on besides the file: rates and selectors. When they change,
 * every file is read again, so rows follow the catalogue (METRICS.md decision 14).
 */
export function rulesFingerprint(config: ConfigFile): string {
  const selectors = config.teams.flatMap((t) =>
    t.services.map((s) => [s.name, s.cost_selectors ?? null]),
  );
  const text = canonicalJson({
    currency: config.currency,
    rates: config.currency_rates,
    selectors,
  });
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

export function isUnchanged(stored: unknown, file: ExportFile, rules: string): boolean {
  if (stored === null || typeof stored !== "object") return false;
  const s = stored as Partial<StoredFile>;
  return s.size === file.size && s.mtimeMs === file.mtimeMs && s.rules === rules;
}

/** True when the file changed while it was read (a provider still writing it). */
export async function changedSince(file: ExportFile): Promise<boolean> {
  const info = await stat(file.path).catch(() => undefined);
  return info === undefined || info.size !== file.size || info.mtimeMs !== file.mtimeMs;
}
