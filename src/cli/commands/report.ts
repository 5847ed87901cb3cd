import { writeFile } from "node:fs/promises";
import { errorMessage } from "../../domain/error-message.ts";
import { reportFromStore } from "../../reports/from-store.ts";
import { parseQuarter } from "../../reports/quarter.ts";
import { REPORT_FORMATS, type ReportFormat, renderReport } from "../../reports/render.ts";
import type { Store } from "../../store/store.ts";
import { adoptPolicies, type CommonOptions, type Context, loadContext } from "../context.ts";
import { checkAsOf, requestServer, unexpectedAnswer } from "../forward.ts";
import { writeStdout } from "../stdout.ts";
import { type RemoteServer, type ServerOption, storeOrServer } from "../store-or-server.ts";

// `kpi-exporter report --quarter 2026-Q3 [--team NAME] --format F [--out FILE]`: the
// quarterly report from the store, evaluated with the engine at the quarter's end (or to
// date at --as-of for the running quarter). Binary formats go to --out or to a pipe, never
// to a terminal. When a server holds the store (or --url names one), the report is its
// GET /api/v1/reports/{quarter}.{format}, which evaluates at the server's clock.

export interface ReportOptions extends CommonOptions, ServerOption {
  quarter: string;
  team?: string;
  format: ReportFormat;
  out?: string;
}

async function fromStore(store: Store, ctx: Context, options: ReportOptions) {
  await adoptPolicies(ctx, store).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const model = await reportFromStore(store, ctx.engine, {
    quarter: options.quarter,
    ...(options.team !== undefined && { team: options.team }),
    now: ctx.clock(),
  }).finally(() => store.close());
  const { body } = await renderReport(model, options.format);
  const scope = model.scope.kind === "team" ? model.scope.team : "organisation";
  return { body, written: { quarter: model.quarter.id, scope, asOf: model.asOf } };
}

async function fromServer(server: RemoteServer, options: ReportOptions) {
  if (options.asOf !== undefined || process.env.KPI_AS_OF) {
    const metrics = await requestServer(server, "/metrics", "read");
    if (metrics.status !== 200) throw await unexpectedAnswer(server, metrics);
    checkAsOf(server, await metrics.text(), options.asOf);
  }
  const team = options.team === undefined ? "" : `?team=${encodeURIComponent(options.team)}`;
  const file = `${encodeURIComponent(options.quarter)}.${options.format}`;
  const response = await requestServer(server, `/api/v1/reports/${file}${team}`, "read");
  if (response.status === 503)
    throw new Error(
      `${server.name} is busy building other reports: retry in ${response.headers.get("retry-after") ?? "a few"} s`,
    );
  if (response.status !== 200) throw await unexpectedAnswer(server, response);
  const body = new Uint8Array(await response.arrayBuffer());
  const scope = options.team ?? "organisation";
  return { body, written: { quarter: options.quarter, scope, from: server.name } };
}

export async function reportCommand(options: ReportOptions): Promise<number> {
  parseQuarter(options.quarter); // a malformed quarter fails before the store is opened
  if (REPORT_FORMATS[options.format].binary && !options.out && process.stdout.isTTY)
    throw new Error(
      `--format ${options.format} is binary: give --out FILE or redirect standard output`,
    );
  const ctx = await loadContext(options);
  const target = await storeOrServer(options);
  const { body, written } =
    "server" in target
      ? await fromServer(target.server, options)
      : await fromStore(target.store, ctx, options);
  if (options.out === undefined) {
    await writeStdout(body);
    return 0;
  }
  try {
    await writeFile(options.out, body);
  } catch (error) {
    throw new Error(`--out ${options.out}: ${errorMessage(error)}`);
  }
  ctx.logger.info("report written", { ...written, format: options.format, out: options.out });
  return 0;
}
