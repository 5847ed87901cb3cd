import type { z } from "zod";

// Pairs of times in one record that the contract relates: a deployment cannot finish
// before it starts, an incident cannot be resolved before it started, a finding cannot be
// fixed before it was opened. Stored, such a record would give a negative duration that
// the engine could only clamp to 0, flattering the KPI; it is refused with reason
// `time_order` instead (decision 151).

/**
 * The one pair whose two times come from different clocks: a commit's author time is set
 * by the developer's machine, its change's merge time by the forge. Author clocks running
 * ahead by up to this much are tolerated; both times of every other pair come from the
 * same system.
 */
export const COMMIT_CLOCK_SKEW_MS = 60 * 60 * 1000;

/** The issue param that tells a time-order refusal from any other invalid field. */
export const TIME_ORDER = "time_order";

type Times<A extends string, B extends string> = { [K in A | B]?: unknown };

const iso = (ms: unknown) => new Date(ms as number).toISOString();

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
      message: `${earlier} ${iso(first)} is after ${later} ${iso(second)}${slack}`,
      params: { reason: TIME_ORDER },
    });
  };
}

/** Whether zod's issue is a time-order refusal. */
export const isTimeOrder = (issue: z.core.$ZodIssue): boolean =>
  issue.code === "custom" &&
  (issue.params as { reason?: string } | undefined)?.reason === TIME_ORDER;
