import { z } from "zod";
import { timerDuration } from "./patterns.ts";
import { keepsAtLeast, parseRetentionPeriod, type RetentionPeriod } from "./retention-period.ts";

// `retention` (decision 156): how long the store keeps records and the ledger, and the
// write-once archive the ledger is sealed into. Without the section nothing is ever
// deleted; with it, each period defaults to the seven years banking regulators ask for.

/** A retention period as written (for messages) and as parsed (for arithmetic). */
export type KeptPeriod = RetentionPeriod & { text: string };

const period = z
  .string()
  .refine((text) => parseRetentionPeriod(text) !== undefined, {
    message: "expected a period such as 7y, 2555d or 52w",
  })
  .transform((text): KeptPeriod => ({ ...(parseRetentionPeriod(text) as RetentionPeriod), text }));

/** A directory, or s3://bucket/prefix (endpoint, region and keys from the AWS_* variables). */
export const locationSchema = z
  .string()
  .min(1)
  .refine(
    (text) =>
      !text.startsWith("s3:") || /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(text),
    {
      message: "expected a directory or s3://bucket/prefix",
    },
  );

export const retentionSchema = z
  .strictObject({
    /** Deployments, changes, incidents, checks, findings, costs and experiments. */
    records: period.prefault("7y"),
    /** Ledger records in the store; pruned past it only once sealed into the archive. */
    ledger: period.prefault("7y"),
    /** How long each archived segment is locked against deletion, from its newest record. */
    evidence: period.prefault("7y"),
    /** While set, nothing is pruned and every segment is archived under legal hold. */
    legal_hold: z.strictObject({ reason: z.string().min(1) }).optional(),
    archive: locationSchema.optional(),
    /** Most ledger records per sealed segment. */
    segment_records: z.number().int().min(1).max(1_000_000).default(10_000),
    interval: timerDuration.prefault("1d"),
  })
  .refine(
    // zod runs this even when another field failed, and a period that failed its own check
    // arrives here as the text: it is reported on its own field, not compared.
    (r) =>
      typeof r.ledger !== "object" ||
      typeof r.records !== "object" ||
      keepsAtLeast(r.ledger, r.records),
    {
      path: ["ledger"],
      message:
        "expected at least the records' period: a deployment's evidence must outlive its record",
    },
  );
