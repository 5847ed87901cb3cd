import type { EngineConfig } from "../config/engine-config.ts";
import type { EpochMs } from "../domain/records.ts";
import type { Store } from "../store/store.ts";
import { planReport } from "./build/periods.ts";
import { buildReport } from "./build.ts";
import type { ReportModel } from "./model.ts";
import { parseQuarter } from "./quarter.ts";

// The one path from a request to a model, shared by `kpi-exporter report` and the API.

export interface ReportRequest {
  /** "2026-Q3". */
  quarter: string;
  team?: string;
  /** The evaluation instant (--as-of, KPI_AS_OF or the clock): decides "to date". */
  now: EpochMs;
}

export async function reportFromStore(
  store: Store,
  engine: EngineConfig,
  request: ReportRequest,
): Promise<ReportModel> {
  // Validate the request before reading anything: a typo costs no store load.
  const plan = planReport(parseQuarter(request.quarter), request.now);
  const [records, failures] = await Promise.all([
    store.load(),
    store.collectorFailures.between(plan.quarter.start, plan.current.asOf + 1),
  ]);
  return await buildReport({
    records,
    engine,
    plan,
    ...(request.team !== undefined && { team: request.team }),
    failures,
    generatedAt: request.now,
  });
}
