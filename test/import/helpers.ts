import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { ConfigFile } from "../../src/config/schema.ts";
import type { ImportContext } from "../../src/import/index.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

// A small catalogue exercising every cost selector, and fresh in-memory stores that
// are closed after each test.

export function testConfig(overrides: Record<string, unknown> = {}): ConfigFile {
  return parseConfig({
    version: "kpi-exporter/v1",
    currency: "EUR",
    // 0.5 keeps converted amounts exact in binary floating point.
    currency_rates: { USD: 0.5 },
    teams: [
      {
        name: "payments",
        services: [
          { name: "checkout", cost_selectors: { tags: { app: "checkout", env: "prod" } } },
          { name: "billing", cost_selectors: { sub_accounts: ["acct-billing"] } },
        ],
      },
      {
        name: "platform",
        services: [
          { name: "runners", cost_selectors: { resource_prefixes: ["arn:aws:ec2:runner-"] } },
          { name: "plain" },
        ],
      },
    ],
    ...overrides,
  });
}

const opened: Store[] = [];
const tmpDirs: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  await Promise.all(tmpDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function testContext(config: ConfigFile = testConfig()): Promise<ImportContext> {
  const store = await openStore({});
  opened.push(store);
  return { store, config };
}

/** NDJSON text of the given objects, one per line. */
export const ndjson = (...records: object[]) => records.map((r) => JSON.stringify(r)).join("\n");

export async function tmpFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kpi-import-"));
  tmpDirs.push(dir);
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}
