import { ranksOfRuns } from "./runs-select.ts";

// The values a windowed quantile is taken over (lead times, recovery times, latencies),
// held as sorted runs: a service's own values are one run, sorted once, and its team's and
// the organisation's are its runs added by reference, never copied value by value. A
// quantile reads the two order statistics it needs across the runs, so a scope built from
// its services' runs gives the very numbers one sorted array of every value gave.

export class ValueRuns {
  readonly #runs: Float64Array[] = [];
  #pending: number[] = [];
  #length = 0;

  push(value: number): void {
    this.#pending.push(value);
    this.#length++;
  }

  /** Adds every value of another scope's runs (by reference: they are never changed). */
  addAll(other: ValueRuns): void {
    for (const run of other.#sealed()) this.#runs.push(run);
    this.#length += other.#length;
  }

  get length(): number {
    return this.#length;
  }

  /**
   * The quantiles `qs` (ascending) by linear interpolation between closest ranks, as
   * quantileSorted gives them over every value sorted; empty when there are no values.
   */
  quantiles(qs: readonly number[]): number[] {
    if (!this.#length) return [];
    const runs = this.#sealed();
    return qs.map((q) => {
      const h = (this.#length - 1) * q;
      const low = Math.floor(h);
      const [lowValue, next] = ranksOfRuns(runs, low);
      if (next === undefined) return lowValue;
      return lowValue + (h - low) * (next - lowValue);
    });
  }

  #sealed(): readonly Float64Array[] {
    if (this.#pending.length) {
      this.#runs.push(Float64Array.from(this.#pending).sort());
      this.#pending = [];
    }
    return this.#runs;
  }
}
