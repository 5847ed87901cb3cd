import type { KpiWindow } from "../config/engine-config.ts";
import type { EpochMs } from "../domain/records.ts";

// How long buckets routed at asOf stay right as asOf moves forward. An item at t counts
// in window w while asOf − w < t ≤ asOf, so the buckets change only when asOf reaches the
// next item after it (one enters) or an item's t + w (one leaves). Until the earliest of
// those instants, a later asOf may reuse them as they are.

export class WindowCrossings {
  readonly #asOf: EpochMs;
  readonly #widths: number[];
  readonly #lows: number[];
  /** Per window, the earliest item still inside it or yet to come. */
  readonly #leaving: number[];
  #entering = Number.POSITIVE_INFINITY;

  constructor(windows: readonly KpiWindow[], asOf: EpochMs) {
    this.#asOf = asOf;
    this.#widths = windows.map((w) => w.ms);
    this.#lows = windows.map((w) => asOf - w.ms);
    this.#leaving = windows.map(() => Number.POSITIVE_INFINITY);
  }

  /** Notes an item at t, whatever window it falls in. */
  see(t: EpochMs): void {
    if (t > this.#asOf && t < this.#entering) this.#entering = t;
    for (let w = 0; w < this.#lows.length; w++)
      if (t > (this.#lows[w] as number) && t < (this.#leaving[w] as number)) this.#leaving[w] = t;
  }

  /** The first asOf at which the items seen fall into other windows than at asOf. */
  get validUntil(): EpochMs {
    let until = this.#entering;
    for (let w = 0; w < this.#widths.length; w++)
      until = Math.min(until, (this.#leaving[w] as number) + (this.#widths[w] as number));
    return until;
  }
}
