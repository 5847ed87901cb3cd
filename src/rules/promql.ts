import type { Scope } from "../vocabulary/alert-names.ts";
import { LABEL } from "../vocabulary/conventions.ts";

// Small builders for the PromQL the generator writes, so quoting, scope selection and
// number formatting are done once.

const quote = (value: string) => JSON.stringify(value);

export const eq = (label: string, value: string) => `${label}=${quote(value)}`;
export const ne = (label: string, value: string) => `${label}!=${quote(value)}`;
export const re = (label: string, pattern: string) => `${label}=~${quote(pattern)}`;
export const nre = (label: string, pattern: string) => `${label}!~${quote(pattern)}`;

/** An aggregation's grouping clause: `by (a, b)`. */
export const by = (...labels: string[]) => `by (${labels.join(", ")})`;

/** `name{m1,m2}`, or the bare name without matchers. */
export function selector(name: string, ...matchers: string[]): string {
  return matchers.length ? `${name}{${matchers.join(",")}}` : name;
}

/** Matchers picking one scope of a KPI (contract §2: absent labels match ""). */
export function scopeMatchers(scope: Scope): string[] {
  if (scope === "organisation") return [eq(LABEL.team, "")];
  if (scope === "team") return [ne(LABEL.team, ""), eq(LABEL.service, "")];
  return [ne(LABEL.service, "")];
}

/** Labels in name order, as promtool prints them. */
export function sortedLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** A test series or label set as promtool reads it: labels sorted by name. */
export function seriesOf(name: string, labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return `${name}{${keys.map((k) => eq(k, labels[k] as string)).join(",")}}`;
}

/** A number for an expression, free of binary floating-point noise (1 - 0.999 → 0.001). */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}
