import { z } from "zod";
import { positiveDuration } from "../../config/patterns.ts";
import { sourceConfig } from "../source-config.ts";

// sources.focus: a folder of FOCUS billing exports, read on a schedule.

export const focusSourceSchema = z.strictObject({
  /** Folder holding FOCUS exports (.csv, .csv.gz, .parquet), read recursively. */
  directory: z.string().min(1, "expected the folder holding the FOCUS exports"),
  interval: positiveDuration.prefault("1h"),
});

export type FocusSourceConfig = z.infer<typeof focusSourceSchema>;

export const focusConfig = sourceConfig("focus", focusSourceSchema);
