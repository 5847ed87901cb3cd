// How the property is judged: the engine's exposition and per-deployment decisions against
// a full recompute over everything stored, line by line, so a failure shows what differs.
import type { EngineConfig } from "../../src/config/engine-config.ts";
import type { Analysis } from "../../src/engine/analysis.ts";
import { IncrementalEngine } from "../../src/engine/incremental.ts";
import { analyzeRecords, computeSnapshot } from "../../src/engine/snapshot.ts";
import { renderSnapshot } from "../../src/http/render.ts";
import type { Store } from "../../src/store/store.ts";
import { START } from "./incremental-property-random.ts";
import type { Step } from "./incremental-property-steps.ts";

/** The decisions behind the KPIs, one line per production deployment, in analysis order. */
export const decisions = (analysis: Analysis): string[] =>
  analysis.deployments.map((f) =>
    JSON.stringify({
      id: f.deployment.id,
      shipped: f.shipped.map((c) => c.id),
      failure: f.failure && {
        incidents: f.failure.incidents.map((l) => [l.incident.id, l.rule]),
        recoveredAt: f.failure.recoveredAt,
      },
      rework: f.rework,
      compliant: f.compliant,
      controls: f.controls,
      rolledBackBy: f.rolledBackBy && [f.rolledBackBy.rollback.id, f.rolledBackBy.rule],
      rollbackOfId: f.rollbackOfId,
    }),
  );

/** The lines of the reference missing from the result (-) and the extra ones (+). */
function lineDiff(what: string, want: string[], got: string[]): string[] {
  if (want.join("\n") === got.join("\n")) return [];
  const left = new Map<string, number>();
  for (const line of got) left.set(line, (left.get(line) ?? 0) + 1);
  const missing = want.filter((line) => {
    const n = left.get(line) ?? 0;
    left.set(line, n - 1);
    return n <= 0;
  });
  const extra = [...left].flatMap(([line, n]) => Array<string>(Math.max(n, 0)).fill(line));
  if (missing.length + extra.length === 0) return [`${what}: the same lines in another order`];
  return [...missing.map((l) => `${what} - ${l}`), ...extra.map((l) => `${what} + ${l}`)];
}

/** How the engine's result at asOf differs from a full recompute of the store; [] if equal. */
export async function difference(
  config: EngineConfig,
  engine: IncrementalEngine,
  store: Store,
  asOf: number,
) {
  const records = await store.load();
  const result = engine.compute(asOf);
  const got = await renderSnapshot(result.snapshot);
  const want = await renderSnapshot(computeSnapshot(records, config, asOf));
  const reference = analyzeRecords(records, config, asOf).analysis;
  return [
    ...lineDiff("metrics", want.text.split("\n"), got.text.split("\n")),
    ...lineDiff("analysis", decisions(reference), decisions(result.analyzed.analysis)),
  ];
}

/** Runs the steps as serve would; the first step whose comparison differs, if any. */
export async function replay(config: EngineConfig, store: Store, steps: readonly Step[]) {
  const start = async () => {
    const opened = await store.loadAt();
    return { engine: new IncrementalEngine(config, opened.records), seq: opened.seq };
  };
  let { engine, seq } = await start();
  let asOf = START;
  for (const [index, step] of steps.entries()) {
    if ("asOf" in step) asOf = step.asOf;
    else if ("restart" in step) ({ engine, seq } = await start());
    else {
      await store.upsert(step.write, step.policies && { policies: step.policies });
      const view = await store.changesSince(seq);
      engine.apply(view.records);
      seq = view.seq;
    }
    const lines = step.compare ? await difference(config, engine, store, asOf) : [];
    if (lines.length) return { index, asOf, lines };
  }
  return undefined;
}
