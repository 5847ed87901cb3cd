import type { Definitions } from "../model.ts";
import extract from "./definitions.json" with { type: "json" };

// The appendix as extracted from METRICS.md (parse.ts). Regenerate after editing METRICS.md
// with `UPDATE_DEFINITIONS=1 npx vitest run test/reports/definitions.test.ts`.
export const DEFINITIONS: Definitions = extract;
