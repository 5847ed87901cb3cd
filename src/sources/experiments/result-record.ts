import type { ExperimentResult } from "../../domain/records.ts";
import type { IngestRules } from "../../import/ingest-rules.ts";
import { parseLine } from "../../import/parse-line.ts";
import type { RecordRejection } from "../../import/to-record.ts";

// One treatment's result as the contract's `experiment` record. Sources that report a
// relative lift (GrowthBook) give bounds on the lift; the contract wants bounds on the
// difference of means, so they are converted with the control mean. The record then goes
// through the import's own validation and currency conversion, like an NDJSON line.

export interface TreatmentResult {
  /** `experiment/variation`: the same id whichever route (API or CSV) brings the result. */
  id: string;
  changeId: string;
  currency: string;
  metric?: string;
  controlMean: number;
  treatmentMean: number;
  /** Units the treatment mean is per (users, or the ratio metric's denominator). */
  treatmentUnits: number;
  /** Bounds on the relative lift (0.05 = +5 %). */
  liftLow?: number;
  liftHigh?: number;
  url?: string;
}

export function toContractInput(r: TreatmentResult): Record<string, unknown> {
  const bounded = r.liftLow !== undefined && r.liftHigh !== undefined;
  return {
    kind: "experiment",
    id: r.id,
    changeId: r.changeId,
    currency: r.currency,
    controlMean: r.controlMean,
    treatmentMean: r.treatmentMean,
    treatmentUnits: r.treatmentUnits,
    ...(bounded && {
      ciLow: (r.liftLow as number) * r.controlMean,
      ciHigh: (r.liftHigh as number) * r.controlMean,
    }),
    ...(r.metric !== undefined && { metric: r.metric }),
    ...(r.url !== undefined && { url: r.url }),
  };
}

/** The stored record, or why the import rules refuse it (unknown currency, bad number). */
export function toExperimentRecord(
  r: TreatmentResult,
  rules: IngestRules,
):
  | { record: ExperimentResult }
  | { rejection: Omit<RecordRejection, "field"> & { field?: string } } {
  const outcome = parseLine(JSON.stringify(toContractInput(r)), rules);
  if ("record" in outcome) return { record: outcome.record as ExperimentResult };
  if ("blank" in outcome) throw new Error("unreachable: a record is never blank");
  const { code, message, field } = outcome;
  return { rejection: { code, message, ...(field !== undefined && { field }) } };
}
