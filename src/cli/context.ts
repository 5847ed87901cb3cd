import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type EngineConfig, toEngineConfig } from "../config/engine-config.ts";
import { defaultConfig } from "../config/load.ts";
import type { ConfigFile } from "../config/schema.ts";
import { readSecret } from "../config/secrets.ts";
import { effectiveEngine } from "../evidence/adopt-policies.ts";
import { type Logger, loggerFromEnv } from "../logger.ts";
import { loadConfigFile } from "../sources/config-file.ts";
import { acquireDataDirLock, DataDirHeldError, type DataDirLock } from "../store/data-dir-lock.ts";
import { openStore } from "../store/open.ts";
import { privateDataDir, tightenModes } from "../store/private-dir.ts";
import type { Store } from "../store/store.ts";
import { clockFrom } from "./as-of.ts";
import { heldMessage } from "./holder.ts";

// What every command shares: options common to all (contract §7), the config,
// the store and the clock, resolved the same way everywhere.

export interface CommonOptions {
  config?: string;
  dataDir?: string;
  asOf?: string;
  port?: string;
}

export const DEFAULT_CONFIG_FILE = "kpi-exporter.yaml";
export const DEMO_CONFIG_FILE = fileURLToPath(new URL("../../examples/demo.yaml", import.meta.url));

export interface Context {
  config: ConfigFile;
  configSource: string;
  engine: EngineConfig;
  clock: () => number;
  logger: Logger;
}

/** --config, else KPI_CONFIG, else ./kpi-exporter.yaml when present, else the embedded default. */
export async function loadContext(
  options: CommonOptions,
  fallbackConfig?: string,
): Promise<Context> {
  const file =
    options.config ??
    process.env.KPI_CONFIG ??
    (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : fallbackConfig);
  const config = file ? await loadConfigFile(file) : defaultConfig();
  return {
    config,
    // Absolute, as the store's path: from another directory the same name is another file.
    configSource: file ? resolve(file) : "embedded default",
    engine: toEngineConfig(config),
    clock: clockFrom(options.asOf),
    logger: loggerFromEnv(),
  };
}

/**
 * An empty catalogue refuses every imported line and every event as unknown_service: said
 * once at start, since it usually means the config file was not found.
 */
export function warnIfNoCatalogue(ctx: Context): void {
  const { config } = ctx;
  if (config.catalogue.accept_unknown_services) return;
  if (config.teams.some((team) => team.services.length > 0)) return;
  ctx.logger.warn(
    "the catalogue has no services: every record will be refused as unknown_service; give --config (or KPI_CONFIG) the file with your teams",
    { config: ctx.configSource },
  );
}

export const DEFAULT_DATA_DIR = "./data";

/** Where PGlite lives: --data-dir, else ./data, or memory when the command says so (demo). */
export interface StoreDefaults {
  inMemoryUnlessDataDir?: boolean;
}

function dataDirOf(options: CommonOptions, defaults: StoreDefaults): string | undefined {
  return options.dataDir ?? (defaults.inMemoryUnlessDataDir ? undefined : DEFAULT_DATA_DIR);
}

let commandName = "kpi-exporter";

/** The running command (`serve`, `evidence verify`): the lock names it, messages advise by it. */
export function setCommandName(name: string): void {
  commandName = name;
}

const locks = new WeakMap<Store, DataDirLock>();

/**
 * PostgreSQL when DATABASE_URL (or DATABASE_URL_FILE) is set, else PGlite. A PGlite data
 * dir is taken for this process until the store is closed or the process exits; when
 * another process holds it, throws DataDirHeldError naming that process.
 */
export async function openContextStore(
  options: CommonOptions,
  defaults: StoreDefaults = {},
): Promise<Store> {
  const databaseUrl = readSecret("DATABASE_URL");
  if (databaseUrl) return openStore({ databaseUrl });
  const dataDir = dataDirOf(options, defaults);
  if (dataDir === undefined) return openStore({});
  const exposed = privateDataDir(dataDir);
  if (exposed) loggerFromEnv().warn(exposed);
  const lock = await acquireDataDirLock(dataDir, `kpi-exporter ${commandName}`, (dir, holder) =>
    heldMessage(commandName, dir, holder),
  ).catch((error: Error) => {
    if (error instanceof DataDirHeldError) throw error;
    throw new Error(`open store (PGlite in ${dataDir}): ${error.message}`, { cause: error });
  });
  let store: Store;
  try {
    store = await openStore({ dataDir });
  } catch (error) {
    lock.release();
    throw error;
  }
  tightenModes(dataDir);
  const close = () =>
    store
      .close()
      .then(() => tightenModes(dataDir))
      .finally(() => lock.release());
  const held: Store = { ...store, close };
  locks.set(held, lock);
  return held;
}

/** Records where `serve` or `demo` answers, so other commands send their work there. */
export function advertiseUrl(store: Store, url: string | undefined): void {
  if (url !== undefined) locks.get(store)?.advertise(url);
}

/**
 * The store as a person can find it again: an absolute directory (a command run from
 * another directory opens another store), or the database's host and name, never its
 * credentials.
 */
export function describeStore(
  store: Store,
  options: CommonOptions,
  defaults: StoreDefaults = {},
): string {
  if (store.backend === "postgres") return `PostgreSQL ${databaseOf(readSecret("DATABASE_URL"))}`;
  const dir = dataDirOf(options, defaults);
  return dir ? `PGlite in ${resolve(dir)}` : "PGlite in memory";
}

function databaseOf(url: string | undefined): string {
  try {
    const { host, pathname } = new URL(url ?? "");
    return `${host}${pathname} (DATABASE_URL)`;
  } catch {
    return "(DATABASE_URL)";
  }
}

/**
 * Judges by the effective policy history: the config's policies reconciled with the
 * ledger's policy records (METRICS.md decision 131). A command that writes records what it
 * sees first; one that only reads (`evidence verify`) leaves it pending.
 */
export async function adoptPolicies(ctx: Context, store: Store, record = true): Promise<void> {
  ctx.engine = await effectiveEngine(store, ctx.config, ctx.engine, {
    now: Date.now(),
    record,
    logger: ctx.logger,
  });
}
