// Stores of the freshness benchmark: a PGlite directory under the run's temporary folder,
// or a PostgreSQL database of its own created through BENCH_DATABASE_URL's server (never
// a database the bench did not create) and dropped at the end. Seeding runs in a child.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
const SEED = fileURLToPath(new URL("./freshness-seed.ts", import.meta.url));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const created = new Set<string>();

export type Backend = "pglite" | "postgres";

export interface BenchStore {
  backend: Backend;
  /** `serve` arguments naming the store and its catalogue, before --as-of. */
  args: string[];
  databaseUrl?: string;
  catalogue: string;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(name: string): Promise<string> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  created.add(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.href;
}

export async function dropDatabases(): Promise<void> {
  if (created.size === 0) return;
  await admin(async (c) => {
    for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  created.clear();
}

export interface Seeded {
  asOf: number;
  seconds: number;
  writeSeconds: number;
  rows: number;
  history: { deployments: number; changes: number; rows: number; seconds: number };
}

/** A new store of `backend` named `name`, seeded at `scale` (plus history when given). */
export async function seededStore(
  backend: Backend,
  dir: string,
  name: string,
  scale: number,
  history?: { years: number; deployments: number },
): Promise<{ store: BenchStore; seeded: Seeded }> {
  const catalogue = join(dir, `${name}.yaml`);
  const dataDir = join(dir, name);
  const databaseUrl =
    backend === "postgres" ? await createDatabase(`kpi_bench_${name}_${process.pid}`) : undefined;
  const extra = history ? [String(history.years), String(history.deployments)] : [];
  const { stdout } = await run(
    process.execPath,
    [SEED, databaseUrl ?? dataDir, catalogue, String(scale), ...extra],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const lines = stdout.trimEnd().split("\n");
  for (const line of lines.slice(0, -1)) console.log(line);
  const seeded = JSON.parse(lines.at(-1) ?? "{}") as Seeded;
  const args = ["serve", "--config", catalogue, ...(databaseUrl ? [] : ["--data-dir", dataDir])];
  return { store: { backend, args, databaseUrl, catalogue }, seeded };
}
