import { writeFile } from "node:fs/promises";
import { reportFromStore } from "../../reports/from-store.ts";
import { parseQuarter } from "../../reports/quarter.ts";
import { REPORT_FORMATS, type ReportFormat, renderReport } from "../../reports/render.ts";
import { type CommonOptions, loadContext, openContextStore } from "../context.ts";
import { writeStdout } from "../stdout.ts";

// `kpi-exporter report --quarter 2026-Q3 [--team NAME] --format F [--out FILE]`: the
// quarterly report from the store, evaluated with the engine at the quarter's end (or to
// date at --as-of for the running quarter). Binary formats go to --out or to a pipe, never
// to a terminal.

export interface ReportOptions extends CommonOptions {
  quarter: string;
  team?: string;
  format: ReportFormat;
  out?: string;
}

export async function reportCommand(options: ReportOptions): Promise<number> {
  parseQuarter(options.quarter); // a malformed quarter fails before the store is opened
  if (REPORT_FORMATS[options.format].binary && !options.out && process.stdout.isTTY)
    throw new Error(
      `--format ${options.format} is binary: give --out FILE or redirect standard output`,
    );
  const ctx = await loadContext(options);
  const store = await openContextStore(options);
  const model = await reportFromStore(store, ctx.engine, {
    quarter: options.quarter,
    ...(options.team !== undefined && { team: options.team }),
    now: ctx.clock(),
  }).finally(() => store.close());
  const { body } = await renderReport(model, options.format);
  if (options.out === undefined) {
    await writeStdout(body);
    return 0;
  }
  try {
    await writeFile(options.out, body);
  } catch (error) {
    throw new Error(`--out ${options.out}: ${(error as Error).message}`);
  }
  ctx.logger.info("report written", {
    quarter: model.quarter.id,
    scope: model.scope.kind === "team" ? model.scope.team : "organisation",
    asOf: model.asOf,
    format: options.format,
    out: options.out,
  });
  return 0;
}
