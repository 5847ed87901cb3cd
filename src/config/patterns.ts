import { z } from "zod";
import { isDuration, parseDuration } from "./duration.ts";

// Value shapes several config sections share: durations, regular expressions and check
// names written as an exact name or /pattern/.

export const duration = z.string().refine(isDuration, {
  message: "expected a duration such as 7d, 24h, 30m or 0",
});

/** A duration that must not be zero: a window or an interval. */
export const positiveDuration = z.string().refine((text) => (parseDuration(text) ?? 0) > 0, {
  message: "expected a positive duration such as 7d, 24h or 30m",
});

/** A duration a timer can wait: Node's timers stop at 2^31 − 1 ms, about 24.8 days. */
export const timerDuration = positiveDuration.refine(
  (text) => (parseDuration(text) ?? 0) <= 2 ** 31 - 1,
  "expected at most 24d (longer cannot be timed)",
);

export const regexText = z.string().refine(
  (text) => {
    try {
      new RegExp(text);
      return true;
    } catch {
      return false;
    }
  },
  { message: "not a valid regular expression" },
);

/** An exact check name, or /pattern/ (optionally /pattern/i). */
export const checkName = z
  .string()
  .min(1)
  .refine(
    (text) => {
      // Only flags that keep RegExp.test stateless: g and y would carry lastIndex between checks.
      const m = /^\/(.*)\/([imsu]*)$/.exec(text);
      if (!m && /^\/.*\/[a-z]+$/.test(text)) return false;
      if (!m) return true;
      try {
        new RegExp(m[1] as string, m[2]);
        return true;
      } catch {
        return false;
      }
    },
    { message: "not a valid /regex/ (flags allowed: i, m, s, u)" },
  );
