import type { CostRow, ExperimentResult, RecordKind } from "../domain/records.ts";
import type { RejectCode } from "../vocabulary/reject-codes.ts";
import { attributeCost } from "./attribute.ts";
import { costIdentity } from "./cost-identity.ts";
import type { IngestRules } from "./ingest-rules.ts";
import type { CostInput, InputOf } from "./schemas.ts";

// From a line that passed its schema to the domain record the store keeps: the
// catalogue and currency rules that need the config, applied in one place.

export interface RecordRejection {
  code: RejectCode;
  field: string;
  message: string;
}

export type Conversion = { record: unknown } | { rejection: RecordRejection };

function unknownService(service: string | undefined, rules: IngestRules) {
  if (service === undefined || rules.acceptsService(service)) return undefined;
  const near = rules.nearestService(service);
  const setting = "(catalogue.accept_unknown_services is false)";
  // An empty catalogue refuses every line: most often the config was not found.
  const why =
    rules.services.length === 0
      ? ", which is empty: give --config (or KPI_CONFIG) the file with your teams"
      : near !== undefined
        ? `; did you mean ${JSON.stringify(near)}? ${setting}`
        : ` ${setting}`;
  return {
    code: "unknown_service" as const,
    field: "service",
    message: `service ${JSON.stringify(service)} is not in the catalogue${why}`,
  };
}

function unknownCurrency(currency: string, rules: IngestRules): RecordRejection {
  return {
    code: "unknown_currency",
    field: "currency",
    message: `no currency_rates entry converts ${currency} to ${rules.config.currency}`,
  };
}

function toCostRow(input: CostInput, rules: IngestRules): Conversion {
  const rejection = unknownService(input.service, rules);
  if (rejection) return { rejection };
  const rate = rules.rateOf(input.currency);
  if (rate === undefined) return { rejection: unknownCurrency(input.currency, rules) };
  const service = attributeCost(input, rules.config);
  const record: CostRow = {
    id: costIdentity(input),
    amount: input.amount * rate,
    originalAmount: input.amount,
    originalCurrency: input.currency,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    category: input.category,
    ...(service !== undefined && { service }),
    ...(input.tags !== undefined && { tags: input.tags }),
    ...(input.control !== undefined && { control: input.control }),
  };
  return { record };
}

function toExperiment(input: InputOf<"experiment">, rules: IngestRules): Conversion {
  const rate = rules.rateOf(input.currency);
  if (rate === undefined) return { rejection: unknownCurrency(input.currency, rules) };
  // Means and bounds are money per unit; treatmentUnits is a count and stays as is.
  const record: ExperimentResult = {
    ...input,
    currency: rules.config.currency,
    controlMean: input.controlMean * rate,
    treatmentMean: input.treatmentMean * rate,
    ...(input.ciLow !== undefined && { ciLow: input.ciLow * rate }),
    ...(input.ciHigh !== undefined && { ciHigh: input.ciHigh * rate }),
  };
  return { record };
}

/** input must be the output of INPUT_SCHEMAS[kind]. */
export function toRecord(kind: RecordKind, input: unknown, rules: IngestRules): Conversion {
  if (kind === "cost") return toCostRow(input as CostInput, rules);
  if (kind === "experiment") return toExperiment(input as InputOf<"experiment">, rules);
  // Every other kind is already its domain shape; only its service needs the catalogue
  // (optional on checks, so checked only when given).
  const rejection = unknownService((input as { service?: string }).service, rules);
  return rejection ? { rejection } : { record: input };
}
