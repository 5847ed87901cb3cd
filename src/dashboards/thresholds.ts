import {
  MappingType,
  type Threshold,
  type ValueMapping,
} from "@grafana/grafana-foundation-sdk/dashboard";
import type { Thresholds } from "../config/engine-config.ts";

// Colours of the house style. DORA panels are coloured by the performance level the
// value reaches (contract §5, or `performance_levels` in the config); other
// panels by their target or SLA; amounts without a target stay neutral.

export const COLOUR = {
  elite: "dark-green",
  high: "green",
  medium: "orange",
  low: "red",
  neutral: "blue",
  warn: "orange",
} as const;

const LEVELS = [
  { value: 3, text: "Elite", color: COLOUR.elite },
  { value: 2, text: "High", color: COLOUR.high },
  { value: 1, text: "Medium", color: COLOUR.medium },
  { value: 0, text: "Low", color: COLOUR.low },
] as const;

export type Steps = Threshold[];

export const NEUTRAL: Steps = [{ value: null, color: COLOUR.neutral }];

// Grafana colours a value with the highest step it is >= to, while the levels of
// less-is-better metrics include their bound (lead time <= 1 day is elite). Nudging the
// step just above the bound colours a value exactly on it like the exporter grades it.
function above(bound: number): number {
  return bound + Math.max(Math.abs(bound) * 1e-9, Number.MIN_VALUE);
}

/** Lead time, change failure ratio, recovery time: lower is better. */
export function levelStepsAtMost(t: Thresholds): Steps {
  return [
    { value: null, color: COLOUR.elite },
    { value: above(t.elite), color: COLOUR.high },
    { value: above(t.high), color: COLOUR.medium },
    { value: above(t.medium), color: COLOUR.low },
  ];
}

/** Deployment frequency: higher is better. */
export function levelStepsAtLeast(t: Thresholds): Steps {
  return [
    { value: null, color: COLOUR.low },
    { value: t.medium, color: COLOUR.medium },
    { value: t.high, color: COLOUR.high },
    { value: t.elite, color: COLOUR.elite },
  ];
}

/** dora_performance_level: 0 low … 3 elite. */
export const LEVEL_STEPS: Steps = [
  { value: null, color: COLOUR.low },
  { value: 1, color: COLOUR.medium },
  { value: 2, color: COLOUR.high },
  { value: 3, color: COLOUR.elite },
];

export const LEVEL_MAPPINGS: ValueMapping[] = [
  {
    type: MappingType.ValueToText,
    options: Object.fromEntries(
      LEVELS.map((l, index) => [String(l.value), { text: l.text, color: l.color, index }]),
    ),
  },
];

/** A ratio with a target (compliance coverage, pass ratios: 1.0): amber just below it. */
export function targetSteps(target: number, amberFrom: number): Steps {
  return [
    { value: null, color: COLOUR.low },
    { value: amberFrom, color: COLOUR.warn },
    { value: target, color: COLOUR.high },
  ];
}

/** A duration or count that must stay below a limit (SLA, staleness). */
export function limitSteps(warnFrom: number | undefined, badFrom: number): Steps {
  return [
    { value: null, color: COLOUR.high },
    ...(warnFrom === undefined ? [] : [{ value: warnFrom, color: COLOUR.warn }]),
    { value: badFrom, color: COLOUR.low },
  ];
}

/** kpi_exporter_collector_up and similar 0/1 health gauges. */
export const UP_STEPS: Steps = [
  { value: null, color: COLOUR.low },
  { value: 1, color: COLOUR.high },
];

export const UP_MAPPINGS: ValueMapping[] = [
  {
    type: MappingType.ValueToText,
    options: {
      "0": { text: "Down", color: COLOUR.low, index: 0 },
      "1": { text: "Up", color: COLOUR.high, index: 1 },
    },
  },
];
