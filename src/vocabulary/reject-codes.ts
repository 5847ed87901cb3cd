// Why a record was refused: the `reason` label of kpi_exporter_rejected_records_total,
// shared by the importer, the collectors and the exporter's self-metrics.

/** The `reason` label values of kpi_exporter_rejected_records_total. */
export const REJECT_CODES = [
  "invalid_json",
  "unknown_kind",
  "invalid_field",
  "unknown_service",
  "unknown_currency",
  // An experiment result whose sample-ratio-mismatch check failed (its split is not trustworthy).
  "sample_ratio_mismatch",
  // A field the kind does not define: a warning on a stored line, a rejection under import.strict.
  "unknown_field",
  // Decision 151: a line past a size, depth or length limit; bytes that are not UTF-8; two
  // times of one record in impossible order; a warning on a line whose id an earlier line of
  // the same input gave different content (the later line is stored).
  "limit_exceeded",
  "invalid_encoding",
  "time_order",
  "conflicting_duplicate",
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];
