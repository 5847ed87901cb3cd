import { describe, expect, it } from "vitest";
import type { KpiWindow } from "../../src/config/engine-config.ts";
import { WindowCrossings } from "../../src/engine/window-crossings.ts";

// Buckets routed at asOf may be reused up to (not at) validUntil: over that span no item
// enters or leaves any window; at validUntil one does.

const DAY = 86_400_000;
const windows = [7, 30].map((d) => ({ label: `${d}d`, ms: d * DAY }) as KpiWindow);
const inside = (t: number, asOf: number) => windows.map((w) => asOf - w.ms < t && t <= asOf);
const membership = (items: number[], asOf: number) => items.map((t) => inside(t, asOf));

describe("window crossings", () => {
  it("hold membership until validUntil and change it there", () => {
    let state = 3;
    const random = () => {
      state = (state * 1_664_525 + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
    for (let run = 0; run < 200; run++) {
      const asOf = 100 * DAY;
      const items = Array.from({ length: 1 + Math.floor(random() * 20) }, () =>
        Math.round(asOf + (random() - 0.8) * 40 * DAY),
      );
      const crossings = new WindowCrossings(windows, asOf);
      for (const t of items) crossings.see(t);
      const until = crossings.validUntil;
      const before = membership(items, asOf);
      expect(membership(items, until - 1), `run ${run}`).toEqual(before);
      expect(membership(items, Math.floor((asOf + until) / 2))).toEqual(before);
      if (Number.isFinite(until)) expect(membership(items, until)).not.toEqual(before);
    }
  });

  it("names the next item to enter and the next to leave", () => {
    const asOf = 100 * DAY;
    const entering = new WindowCrossings(windows, asOf);
    entering.see(asOf + 5);
    expect(entering.validUntil).toBe(asOf + 5);
    const leaving = new WindowCrossings(windows, asOf);
    leaving.see(asOf - 7 * DAY + 10);
    expect(leaving.validUntil).toBe(asOf + 10);
    const none = new WindowCrossings(windows, asOf);
    none.see(asOf - 31 * DAY);
    expect(none.validUntil).toBe(Number.POSITIVE_INFINITY);
  });
});
