import { z } from "zod";
import { isDuration, parseDuration } from "./duration.ts";

// Value shapes several config sections share: durations, regular expressions and check
// names written as an exact name or /pattern/.

const toMs = (text: string) => parseDuration(text) as number;

/**
 * A duration, parsed here once: the config holds milliseconds (METRICS.md decision 157).
 * Defaults are given as text with `.prefault("5m")`, so they go through the same parse.
 */
export const duration = z
  .string()
  .refine(isDuration, { message: "expected a duration such as 7d, 24h, 30m or 0" })
  .transform(toMs);

const isPositive = (text: string) => (parseDuration(text) ?? 0) > 0;
const POSITIVE = "expected a positive duration such as 7d, 24h or 30m";

/** A duration that must not be zero: an interval or a look-back. */
export const positiveDuration = z
  .string()
  .refine(isPositive, { message: POSITIVE })
  .transform(toMs);

/** A duration a timer can wait: Node's timers stop at 2^31 − 1 ms, about 24.8 days. */
export const timerDuration = positiveDuration.refine(
  (ms) => ms <= 2 ** 31 - 1,
  "expected at most 24d (longer cannot be timed)",
);

/**
 * A window: a positive duration kept as written, because it is a name in the output (the
 * `window` label of every windowed KPI, and the windows alerts select).
 */
export const windowLabel = z.string().refine(isPositive, { message: POSITIVE });

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
