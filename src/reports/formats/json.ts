import type { ReportModel } from "../model.ts";

// The model as JSON. Keys keep the model's declared order (build.ts constructs every
// object the same way), so equal input gives equal bytes; a trailing newline ends the file.
export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
