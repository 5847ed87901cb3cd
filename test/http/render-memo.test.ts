import { describe, expect, it } from "vitest";
import type { KpiSnapshot, Sample } from "../../src/engine/snapshot-types.ts";
import { renderSnapshot } from "../../src/http/render.ts";
import type { RenderedFamily } from "../../src/http/render-family.ts";
import type { MetricDef } from "../../src/vocabulary/conventions.ts";
import { handSnapshot } from "./helpers.ts";

// A serving process renders each refresh from the families it rendered last: the bytes
// must be those a fresh rendering gives, whatever changed, and a sample that breaks the
// contract must still be refused though an equal-looking one was rendered before.

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A random edit of the samples: values moved, series dropped, duplicated or relabelled. */
function edit(samples: Sample[], random: () => number): Sample[] {
  const out: Sample[] = [];
  for (const s of samples) {
    const roll = random();
    if (roll < 0.05) continue;
    if (roll < 0.15) out.push({ ...s, value: Math.round(s.value * 100 + 1) / 100 });
    else if (roll < 0.18 && s.labels.window !== undefined)
      out.push({ ...s, labels: { ...s.labels, window: s.labels.window === "7d" ? "30d" : "7d" } });
    else out.push({ ...s, labels: { ...s.labels } });
  }
  return random() < 0.3 ? [...out].reverse() : out;
}

describe("rendering from the last rendering", () => {
  it("gives the bytes of a fresh rendering over a run of edited snapshots", async () => {
    const random = seeded(5);
    const memo = new Map<MetricDef, RenderedFamily>();
    const base = handSnapshot();
    let samples = base.samples;
    let compared = 0;
    for (let step = 0; step < 60; step++) {
      samples = step % 10 === 0 ? base.samples : edit(samples, random);
      const snapshot: KpiSnapshot = { ...base, samples };
      const fresh = await renderSnapshot(snapshot).catch((e: Error) => e);
      const kept = await renderSnapshot(snapshot, memo).catch((e: Error) => e);
      if (fresh instanceof Error) {
        expect(kept).toBeInstanceOf(Error);
        expect((kept as Error).message).toBe(fresh.message);
        samples = base.samples;
        continue;
      }
      expect(kept).toEqual(fresh);
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });

  it("refuses a series given twice though each line was rendered before", async () => {
    const memo = new Map<MetricDef, RenderedFamily>();
    const base = handSnapshot();
    await renderSnapshot(base, memo);
    const first = base.samples[0] as Sample;
    const twice = { ...base, samples: [first, ...base.samples] };
    await expect(renderSnapshot(twice, memo)).rejects.toThrow(/given twice/);
    expect(await renderSnapshot(base, memo)).toEqual(await renderSnapshot(base));
  });

  it("refuses a value that is not finite in a series it rendered before", async () => {
    const memo = new Map<MetricDef, RenderedFamily>();
    const base = handSnapshot();
    await renderSnapshot(base, memo);
    const broken = base.samples.map((s, i) => (i === 0 ? { ...s, value: Number.NaN } : s));
    await expect(renderSnapshot({ ...base, samples: broken }, memo)).rejects.toThrow(/finite/);
  });
});
