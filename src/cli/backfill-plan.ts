import { parseDuration } from "../config/duration.ts";
import { iso } from "../domain/instant.ts";
import { parseInstantOption } from "./as-of.ts";

// Which instants `kpi-exporter backfill` computes: --from, then every --step up to --to.
// Every instant must be older than Prometheus's head block (the last 3 hours), which
// promtool's backfill must not overlap.

export const HEAD_BLOCK_MS = 3 * 3_600_000;
/** A bound on one run: ten thousand snapshots is already 27 years of days. */
export const MAX_INSTANTS = 10_000;

export interface BackfillRange {
  from: string;
  to: string;
  step: string;
}

/** The instants, epoch ms ascending; throws naming the option when the range is refused. */
export function backfillInstants(range: BackfillRange, now: number): number[] {
  const from = parseInstantOption("--from", range.from);
  const to = parseInstantOption("--to", range.to);
  const step = parseDuration(range.step);
  if (step === undefined || step === 0)
    throw new Error(`--step: expected a duration such as 1d, 6h or 30m, got "${range.step}"`);
  if (from > to) throw new Error(`--from ${iso(from)} is after --to ${iso(to)}`);
  const count = Math.floor((to - from) / step) + 1;
  if (count > MAX_INSTANTS)
    throw new Error(
      `--from ${iso(from)} to --to ${iso(to)} every ${range.step} is ${count} instants, more than ${MAX_INSTANTS}: use a larger --step or a shorter range`,
    );
  const last = from + (count - 1) * step;
  const limit = now - HEAD_BLOCK_MS;
  if (last > limit)
    throw new Error(
      `instant ${iso(last)} is within the last 3 hours or in the future (now ${iso(now)}): Prometheus's head block covers that range and backfilled blocks must not overlap it; end --to before ${iso(limit)} and let scraping record the rest`,
    );
  return Array.from({ length: count }, (_, i) => from + i * step);
}
