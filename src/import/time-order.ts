import type { z } from "zod";
import { iso } from "../domain/instant.ts";

// Pairs of times in one record that the contract relates: a deployment cannot finish
// before it starts, an incident cannot be resolved before it started, a finding cannot be
// fixed before it was opened. Stored, such a record would give a negative duration that
// the engine could only clamp to 0, flattering the KPI; it is refused with reason
// `time_order` instead (decision 151).

export { COMMIT_CLOCK_SKEW_MS } from "../domain/time-order.ts";

/** The issue param that tells a time-order refusal from any other invalid field. */
export const TIME_ORDER = "time_order";

type Times<A extends string, B extends string> = { [K in A | B]?: unknown };

/**
 * A refinement: `earlier`, when given, is not after `later` (beyond `toleranceMs`); a
 * refusal names `path`, by default the later field.
 */
export function inOrder<A extends string, B extends string>(
  earlier: A,
  later: B,
  { toleranceMs = 0, path = [later] }: { toleranceMs?: number; path?: PropertyKey[] } = {},
) {
  return (value: Times<A, B>, ctx: z.RefinementCtx): void => {
    const first = value[earlier];
    const second = value[later];
    // Refinements also run over fields that failed their own check: only two instants compare.
    if (!Number.isFinite(first) || !Number.isFinite(second)) return;
    if ((first as number) <= (second as number) + toleranceMs) return;
    const slack = toleranceMs ? ` by more than ${toleranceMs / 60_000} minutes` : "";
    ctx.addIssue({
      code: "custom",
      path,
      message: `${earlier} ${iso(first as number)} is after ${later} ${iso(second as number)}${slack}`,
      params: { reason: TIME_ORDER },
    });
  };
}

/** Whether zod's issue is a time-order refusal. */
export const isTimeOrder = (issue: z.core.$ZodIssue): boolean =>
  issue.code === "custom" &&
  (issue.params as { reason?: string } | undefined)?.reason === TIME_ORDER;
