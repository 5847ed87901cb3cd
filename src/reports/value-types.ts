// The units and levels a report's values carry, apart from the model so the formatting
// that reads them and the model parts that hold them need not import each other.

/** "level" is a DORA performance level, 0 low … 3 elite. */
export type ValueUnit = "seconds" | "ratio" | "per_day" | "currency" | "count" | "level";

export type LevelName = "elite" | "high" | "medium" | "low";
