import type { Scope } from "../vocabulary/alert-names.ts";
import { humanizePercentage } from "./template.ts";

// What KPI alerts share about scopes: the words naming the scope in an annotation, and
// the labels of example series at each scope in the generated unit tests.

export const KPI_FOR_MS = 30 * 60_000;

export const SCOPE_LABELS: Record<Scope, Record<string, string>> = {
  organisation: {},
  team: { team: "payments" },
  service: { team: "payments", service: "checkout" },
};

/** A scope the alert must ignore, for the not-firing examples. */
export const OTHER_SCOPE: Record<Scope, Scope> = {
  organisation: "team",
  team: "organisation",
  service: "team",
};

export const SUBJECT: Record<Scope, string> = {
  organisation: "The organisation",
  team: "Team {{ $labels.team }}",
  service: "Service {{ $labels.service }} of team {{ $labels.team }}",
};

export const pct = (ratio: number) => humanizePercentage(ratio);
export const round = (value: number) => Number(value.toFixed(6));
