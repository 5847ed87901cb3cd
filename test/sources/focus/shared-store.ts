import { basename } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { ConfigFile } from "../../../src/config/schema.ts";
import type { CostRow } from "../../../src/domain/records.ts";
import { parseConfig } from "../../../src/sources/config-file.ts";
import { importFocusFiles } from "../../../src/sources/focus/import-format.ts";
import { openStore } from "../../../src/store/open.ts";
import type { Store } from "../../../src/store/store.ts";
import { SAMPLE_CATALOGUE } from "./independent.ts";

// One in-memory store per test file (opening PGlite is the slow part); each test reads
// back only the rows of its own files, which their identities name.

export const formatsConfig = parseConfig({
  version: "kpi-exporter/v1",
  currency: "USD",
  currency_rates: { EUR: 1.25 },
  teams: [
    ...SAMPLE_CATALOGUE,
    {
      name: "web",
      services: [
        { name: "shop", cost_selectors: { tags: { app: "shop" } } },
        { name: "builds", cost_selectors: { sub_accounts: ["ci-account"] } },
      ],
    },
  ],
});

export function sharedStoreImporter(config: ConfigFile = formatsConfig) {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({});
  });
  afterAll(async () => {
    await store.close();
  });
  return async (...paths: string[]) => {
    const report = await importFocusFiles(paths, { store, config }, {});
    const origins = new Set(paths.map((p) => `focus:${basename(p)}`));
    const costs = (await store.load()).costs.filter((c) => origins.has(JSON.parse(c.id)[0]));
    return { report, costs };
  };
}

export const total = (costs: CostRow[], keep: (c: CostRow) => boolean = () => true) =>
  costs.filter(keep).reduce((sum, c) => sum + c.amount, 0);
