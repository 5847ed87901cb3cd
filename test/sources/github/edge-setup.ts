import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RecordSet } from "../../../src/domain/records.ts";
import { openStore } from "../../../src/store/open.ts";
import type { Store } from "../../../src/store/store.ts";
import { type CliResult, runCli } from "../../support/cli.ts";
import { type FakeGitHub, type FakeOrg, startFakeGitHub } from "../../support/fake-github/index.ts";
import { databaseUrlInSchema, schemaPerStore } from "../../support/pg-schemas.ts";
import { EDGE_CONFIG } from "./edge-org.ts";
import { parseExposition, type Sample } from "./independent-setup.ts";

// The edge-case organisation synced as a user would (`sync`, then `metrics`), on each
// store backend: PGlite in a data dir, and PostgreSQL when TEST_DATABASE_URL is set.

const TOKEN = "edge-token";
const databaseUrl = process.env.TEST_DATABASE_URL;
const nextSchema = schemaPerStore(databaseUrl, "kpi_github_edge");

export const BACKENDS = ["PGlite", ...(databaseUrl ? ["PostgreSQL"] : [])] as const;

export interface Edge {
  fake: FakeGitHub;
  cli(args: string[], asOf: string): Promise<CliResult>;
  sync(asOf: string): Promise<void>;
  metrics(asOf: string): Promise<Sample[]>;
  records(): Promise<RecordSet>;
  /** Opens the store the CLI uses (between its runs) for `use`, then closes it. */
  withStore<T>(use: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function startEdge(backend: string, org: FakeOrg): Promise<Edge> {
  const fake = await startFakeGitHub({ org, token: TOKEN });
  const dir = await mkdtemp(join(tmpdir(), "kpi-github-edge-"));
  await writeFile(join(dir, "config.yaml"), EDGE_CONFIG(fake.url));
  const postgres =
    backend === "PostgreSQL" && databaseUrl
      ? await databaseUrlInSchema(databaseUrl, nextSchema())
      : undefined;
  const env: Record<string, string> = {
    GITHUB_TOKEN: TOKEN,
    ...(postgres && { DATABASE_URL: postgres }),
  };
  const store = postgres ? [] : ["--data-dir", join(dir, "store")];
  const cli = (args: string[], asOf: string) =>
    runCli([...args, "--config", join(dir, "config.yaml"), ...store, "--as-of", asOf], { env });
  const withStore = async <T>(use: (store: Store) => Promise<T>): Promise<T> => {
    const opened = await openStore(
      postgres ? { databaseUrl: postgres } : { dataDir: join(dir, "store") },
    );
    try {
      return await use(opened);
    } finally {
      await opened.close();
    }
  };
  return {
    fake,
    cli,
    async sync(asOf) {
      const result = await cli(["sync"], asOf);
      if (result.code !== 0) throw new Error(`sync failed: ${result.stdout}${result.stderr}`);
    },
    metrics: async (asOf) => parseExposition((await cli(["metrics"], asOf)).stdout),
    records: () => withStore((store) => store.load()),
    withStore,
    close: async () => {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** "MM-DDTHH:MM" of 2026 as epoch ms. */
export const at = (when: string) => Date.parse(`2026-${when}:00Z`);
