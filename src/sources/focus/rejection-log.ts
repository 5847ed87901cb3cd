import type { Rejection } from "../../import/report.ts";
import type { RejectCode } from "../../vocabulary/reject-codes.ts";

// A billing export can hold millions of rows, all refused for one reason (a currency
// without a rate): the first rejections are listed with their line, the rest counted per
// reason, so a bad file costs the same memory as a good one.

export const LISTED_REJECTIONS = 1_000;

interface Omitted {
  count: number;
  firstLine: number;
}

export class RejectionLog {
  private readonly listed: Rejection[] = [];
  private readonly omitted = new Map<RejectCode, Omitted>();
  private readonly source: string;
  /** Every rejection, listed or not, per reason. */
  readonly counts = new Map<RejectCode, number>();

  constructor(source: string) {
    this.source = source;
  }

  add(line: number, field: string, code: RejectCode, reason: string): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
    if (this.listed.length < LISTED_REJECTIONS) {
      const message = `${field}: ${reason}`;
      this.listed.push({ source: this.source, line, kind: "cost", field, code, message });
      return;
    }
    const omitted = this.omitted.get(code);
    if (omitted) omitted.count++;
    else this.omitted.set(code, { count: 1, firstLine: line });
  }

  /** The listed rejections, then one summary per reason of those left out. */
  rejections(): Rejection[] {
    const summaries = [...this.omitted].map(([code, { count, firstLine }]) => ({
      source: this.source,
      line: firstLine,
      kind: "cost",
      code,
      message: `${count} more rows rejected [${code}] from this line on; only the first ${LISTED_REJECTIONS} rejections of a file are listed`,
    }));
    return [...this.listed, ...summaries];
  }
}
