// The units and levels a report's values carry, apart from the model so the formatting
// that reads them and the model parts that hold them need not import each other.

export type LevelName = "elite" | "high" | "medium" | "low";
