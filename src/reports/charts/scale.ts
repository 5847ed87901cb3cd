import type { ValueUnit } from "../../vocabulary/kpi-catalogue.ts";
import { LEVEL_NAMES } from "../model.ts";

// How a chart's value axis shows a unit. Values are converted before charting, so the axis
// ticks land on round numbers of the unit a reader thinks in (hours, days, percent).

export interface AxisScale {
  /** The axis title: the unit as read ("hours", "%", "EUR"). */
  name: string;
  /** Multiplies a model value into the axis unit. */
  factor: number;
  /** A tick label in the axis unit. */
  tick(value: number): string;
}

const HOUR = 3_600;
const DAY = 86_400;

function plain(value: number): string {
  return value.toLocaleString("en-GB", { maximumFractionDigits: 2 });
}

function durationScale(largest: number): AxisScale {
  if (largest >= 2 * DAY) return { name: "days", factor: 1 / DAY, tick: plain };
  if (largest >= 2 * HOUR) return { name: "hours", factor: 1 / HOUR, tick: plain };
  return { name: "minutes", factor: 1 / 60, tick: plain };
}

/** The axis for values of `unit` whose largest magnitude is `largest` (in model units). */
export function axisScale(unit: ValueUnit, currency: string, largest: number): AxisScale {
  switch (unit) {
    case "seconds":
      return durationScale(largest);
    case "ratio":
      return { name: "%", factor: 100, tick: (value) => `${plain(value)}%` };
    case "per_day":
      return { name: "per day", factor: 1, tick: plain };
    case "currency":
      return { name: currency, factor: 1, tick: plain };
    case "count":
      return { name: "count", factor: 1, tick: plain };
    case "level":
      return { name: "level", factor: 1, tick: (value) => LEVEL_NAMES[value] ?? "" };
  }
}
