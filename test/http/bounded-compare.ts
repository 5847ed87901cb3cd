// How a bounded working set is judged: its exposition against a full recompute of the whole
// store, every production deployment since the horizon called exact, and the decisions of
// each exact one equal to the full recompute's. Windows of 1 and 3 days put most of a
// case's weeks of records behind the horizon.
import type { EngineConfig } from "../../src/config/engine-config.ts";
import type { Analysis } from "../../src/engine/analysis.ts";
import { analyzeRecords, computeSnapshot } from "../../src/engine/snapshot.ts";
import type { LiveEngine } from "../../src/http/live-engine.ts";
import { renderSnapshot } from "../../src/http/render.ts";
import { horizonOf } from "../../src/http/working-set-bounds.ts";
import type { Store } from "../../src/store/store.ts";
import { decisions } from "../engine/incremental-property-compare.ts";
import { DAY } from "../engine/incremental-property-random.ts";
import { propertyConfig } from "../engine/incremental-property-steps.ts";

export const boundedConfig: EngineConfig = {
  ...propertyConfig(),
  windows: [
    { label: "1d", ms: DAY },
    { label: "3d", ms: 3 * DAY },
  ],
};
const config = boundedConfig;

/** What differs from a full recompute at asOf, line by line; [] when nothing does. */
export async function difference(live: LiveEngine, store: Store, asOf: number): Promise<string[]> {
  const records = await store.load();
  const result = await live.compute(asOf);
  const got = (await renderSnapshot(result.snapshot)).text.split("\n");
  const want = (await renderSnapshot(computeSnapshot(records, config, asOf))).text.split("\n");
  const lines: string[] = [];
  if (got.join("\n") !== want.join("\n")) {
    const g = new Set(got);
    const w = new Set(want);
    lines.push(...want.filter((l) => !g.has(l)).map((l) => `metrics - ${l}`));
    lines.push(...got.filter((l) => !w.has(l)).map((l) => `metrics + ${l}`));
  }
  const full = analyzeRecords(records, config, asOf).analysis;
  const horizon = horizonOf(config, asOf);
  const exact = new Set(
    result.analyzed.analysis.deployments
      .filter((f) => live.exact(f.deployment))
      .map((f) => f.deployment.id),
  );
  for (const f of full.deployments)
    if (f.deployment.finishedAt >= horizon && !exact.has(f.deployment.id))
      lines.push(`not exact since the horizon: ${f.deployment.id}`);
  const only = (analysis: Analysis) =>
    decisions({
      ...analysis,
      deployments: analysis.deployments.filter((f) => exact.has(f.deployment.id)),
    });
  const want2 = only(full);
  const got2 = only(result.analyzed.analysis);
  for (const [i, line] of want2.entries())
    if (got2[i] !== line) lines.push(`decision - ${line}`, `decision + ${got2[i]}`);
  if (got2.length !== want2.length) lines.push(`decisions: ${got2.length} vs ${want2.length}`);
  return lines;
}
