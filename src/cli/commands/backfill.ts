import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { errorMessage } from "../../domain/error-message.ts";
import { computeSnapshot } from "../../engine/snapshot.ts";
import { kpiHistory } from "../../http/backfill.ts";
import { type BackfillRange, backfillInstants } from "../backfill-plan.ts";
import { adoptPolicies, type CommonOptions, loadContext, openContextStore } from "../context.ts";

// `kpi-exporter backfill`: the KPIs at every instant of a past range, as one OpenMetrics
// file with a timestamp on every sample, for `promtool tsdb create-blocks-from
// openmetrics`. History from before the exporter was scraped reaches Prometheus this way.

export type BackfillOptions = Omit<CommonOptions, "asOf"> & BackfillRange & { out?: string };

export async function backfillCommand(options: BackfillOptions): Promise<number> {
  // The range is checked before anything is opened: a refused run costs nothing.
  const instants = backfillInstants(options, Date.now());
  const output = await openOutput(options.out);
  const ctx = await loadContext(options);
  const store = await openContextStore(options);
  const records = await adoptPolicies(ctx, store)
    .then(() => store.load())
    .finally(() => store.close());
  const history = await kpiHistory(instants, (asOf) => computeSnapshot(records, ctx.engine, asOf));
  await writeAll(output, history.chunks());
  if (options.out) {
    output.end();
    await once(output, "finish");
  }
  ctx.logger.info("backfill written", {
    instants: instants.length,
    from: new Date(instants[0] as number).toISOString(),
    to: new Date(instants.at(-1) as number).toISOString(),
    series: history.seriesCount,
    out: options.out ?? "stdout",
    next: "promtool tsdb create-blocks-from openmetrics FILE DIR, then move DIR's blocks into Prometheus's storage",
  });
  return 0;
}

/** Opened before the work starts, so a path that cannot be written fails at once. */
async function openOutput(path: string | undefined): Promise<Writable> {
  if (path === undefined) return process.stdout;
  const stream = createWriteStream(path);
  try {
    await once(stream, "open");
  } catch (error) {
    throw new Error(`--out ${path}: ${errorMessage(error)}`);
  }
  return stream;
}

/** Writes every chunk, waiting for the stream to drain rather than buffering the file. */
async function writeAll(output: Writable, chunks: Iterable<string>): Promise<void> {
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure = error;
  };
  output.on("error", onError);
  for (const chunk of chunks) {
    if (failure) break;
    if (!output.write(chunk))
      await new Promise<void>((resolve) => {
        const done = () => {
          output.off("drain", done).off("error", done);
          resolve();
        };
        output.on("drain", done).on("error", done);
      });
  }
  if (failure) throw failure;
}
