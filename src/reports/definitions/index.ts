import type { Definitions } from "../model.ts";
import extract from "./definitions.json" with { type: "json" };

// The appendix as extracted from METRICS.md (parse.ts). `npm run generate` rewrites it after
// an edit of METRICS.md.
export const DEFINITIONS: Definitions = extract;
