import { expect, test } from "vitest";
import { spacedGroup } from "../../../src/sources/github/query-spacing.ts";

// Jobs scheduled together start at least the spacing apart, in order, and their results
// come back to each caller. Only a lower bound, with slack: libuv's timers count whole
// milliseconds, so a 40 ms wait can end a fraction of one early by performance.now().

test("queries start at least the spacing apart, in the order scheduled", async () => {
  const limiter = spacedGroup(40).key("any");
  const starts: number[] = [];
  const results = await Promise.all(
    [1, 2, 3].map((n) =>
      limiter.schedule({}, async () => {
        starts.push(performance.now());
        return n * 10;
      }),
    ),
  );
  expect(results).toEqual([10, 20, 30]);
  expect(starts).toHaveLength(3);
  for (let i = 1; i < starts.length; i++)
    expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(35);
});
