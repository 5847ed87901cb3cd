// Seeds a store for the freshness benchmark (bench/freshness.ts runs it as a child, so
// the dataset and PGlite's opening peak stay out of the measuring process):
//   node bench/freshness-seed.ts TARGET CATALOGUE SCALE [HISTORY_YEARS HISTORY_DEPLOYMENTS]
// TARGET is a PGlite data directory or a postgres:// URL; CATALOGUE is where the matching
// kpi-exporter.yaml is written. Records go in through the store API in chunks, not as
// NDJSON: the import path's parsing would dominate and it is not what is measured here.
// Prints progress, then one JSON line of figures for the parent.
import type { RecordSet } from "../src/domain/records.ts";
import { openStore } from "../src/store/open.ts";
import type { Store } from "../src/store/store.ts";
import { syntheticBenchData } from "./dataset.ts";
import { writeCatalogue } from "./freshness-catalogue.ts";
import { historyPlan, historyStretch } from "./freshness-history.ts";

const [target, catalogue, scaleText, yearsText, historyText] = process.argv.slice(2);
if (!target || !catalogue || !scaleText) throw new Error("usage: TARGET CATALOGUE SCALE [Y N]");
const CHUNK = 50_000;
const KINDS = ["deployments", "changes", "incidents", "checks", "vulnerabilities", "costs"];

/** One transaction per chunk of one kind: bounded memory per statement, steady progress. */
async function write(store: Store, records: Partial<RecordSet>): Promise<number> {
  let rows = 0;
  for (const kind of [...KINDS, "experiments"] as const) {
    const items = (records[kind as keyof RecordSet] ?? []) as unknown[];
    for (let start = 0; start < items.length; start += CHUNK) {
      await store.upsert({ [kind]: items.slice(start, start + CHUNK) });
      rows += Math.min(CHUNK, items.length - start);
    }
  }
  return rows;
}

const count = (r: Partial<RecordSet>) =>
  KINDS.map((k) => `${(r[k as keyof RecordSet] as unknown[] | undefined)?.length ?? 0} ${k}`);

const generating = performance.now();
const data = syntheticBenchData({ scale: Number(scaleText) });
const generateMs = performance.now() - generating;
await writeCatalogue(catalogue, data.config);
const store = target.startsWith("postgres")
  ? await openStore({ databaseUrl: target })
  : await openStore({ dataDir: target });
try {
  const writing = performance.now();
  const rows = await write(store, data.records);
  const writeMs = performance.now() - writing;
  console.log(
    `  window seeded: ${count(data.records).join(", ")}; generated in ${(generateMs / 1000).toFixed(1)} s, written in ${(writeMs / 1000).toFixed(1)} s (${Math.round(rows / (writeMs / 1000))} rows/s)`,
  );
  const history = { deployments: 0, changes: 0, rows: 0, seconds: 0 };
  if (yearsText && historyText) {
    const plan = historyPlan(Number(yearsText), Number(historyText));
    const started = performance.now();
    for (let n = 0; n < plan.stretches; n++) {
      const older = historyStretch(plan, data.asOf, n);
      history.deployments += older.deployments?.length ?? 0;
      history.changes += older.changes?.length ?? 0;
      history.rows += await write(store, older);
    }
    history.seconds = (performance.now() - started) / 1000;
    console.log(
      `  history seeded: ${history.deployments} deployments, ${history.changes} changes, ${history.rows} rows in all over ${yearsText} years (${plan.stretches} stretches of 91 days) in ${history.seconds.toFixed(1)} s`,
    );
  }
  const seconds = (generateMs + writeMs) / 1000;
  const result = { asOf: data.asOf, rows, seconds, writeSeconds: writeMs / 1000, history };
  console.log(JSON.stringify(result));
} finally {
  await store.close();
}
