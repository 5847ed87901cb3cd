import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, test } from "vitest";
import { LOCK_FILE } from "../../src/store/data-dir-lock.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { databaseUrlInSchema, schemaPerStore } from "../support/pg-schemas.ts";

// The two stores a crash test kills its processes on: PGlite in a data dir of its own,
// and PostgreSQL in a schema of its own (TEST_DATABASE_URL; skipped without it, except
// under CI=true, where a missing server fails so the production backend is never
// silently untested).

export const databaseUrl = process.env.TEST_DATABASE_URL;

export interface CrashStore {
  name: string;
  /** What the command line is given to reach the store: a --data-dir for PGlite. */
  args: string[];
  /** And its environment: DATABASE_URL for PostgreSQL. */
  env: Record<string, string>;
  /** The PGlite data dir, where the lock lives; undefined for PostgreSQL. */
  dataDir?: string;
  /** The PostgreSQL schema holding the store; undefined for PGlite. */
  schema?: string;
  /** Opens it in the test process, once no command holds it. */
  open(): Promise<Store>;
  /**
   * What no process holds and yet is there: for PGlite the lock, its drafts and recovery
   * guards; for PostgreSQL the --data-dir it was given, which it must not create.
   */
  leftovers(): string[];
}

export interface Backend {
  name: "PGlite" | "PostgreSQL";
  /** A scratch directory for this backend's files, removed when the file's tests end. */
  dir(): string;
  fresh(name: string): Promise<CrashStore>;
}

function backend(name: Backend["name"]): Backend {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `kpi-crash-${name.toLowerCase()}-`));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const nextSchema = name === "PostgreSQL" ? schemaPerStore(databaseUrl, "kpi_crash") : undefined;
  return {
    name,
    dir: () => dir,
    async fresh(store): Promise<CrashStore> {
      if (name === "PGlite" || !nextSchema || !databaseUrl) {
        const dataDir = join(dir, store);
        return {
          name: store,
          args: ["--data-dir", dataDir],
          env: {},
          dataDir,
          open: () => openStore({ dataDir }),
          leftovers: () => readdirSync(dataDir).filter((file) => file.startsWith(LOCK_FILE)),
        };
      }
      const schema = nextSchema();
      const url = await databaseUrlInSchema(databaseUrl, schema);
      const unused = join(dir, `${store}-unused`);
      return {
        name: store,
        args: ["--data-dir", unused],
        env: { DATABASE_URL: url },
        schema,
        open: () => openStore({ databaseUrl, schema }),
        leftovers: () => (existsSync(unused) ? [unused] : []),
      };
    },
  };
}

/**
 * Declares `body` once per backend, as `title (PGlite)` and `title (PostgreSQL)`; `only`
 * for a test that needs what one backend alone has (another session, a data dir lock).
 */
export function forEachBackend(
  title: string,
  body: (backend: Backend) => void,
  only?: Backend["name"],
): void {
  if (only !== "PostgreSQL") describe(`${title} (PGlite)`, () => body(backend("PGlite")));
  if (only === "PGlite") return;
  if (!databaseUrl) {
    if (process.env.CI === "true")
      test(`${title} (PostgreSQL)`, () => {
        throw new Error("TEST_DATABASE_URL is required under CI");
      });
    else console.warn(`skipping ${title} on PostgreSQL: TEST_DATABASE_URL is not set`);
  }
  describe.skipIf(!databaseUrl)(`${title} (PostgreSQL)`, () => body(backend("PostgreSQL")));
}
