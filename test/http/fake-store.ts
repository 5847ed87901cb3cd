// An in-memory stand-in for the importer and the engine, enough to see POST /api/v1/events
// feed the KPIs: NDJSON deployments are stored as given, invalid JSON lines are rejected.
import { type Deployment, emptyRecordSet, type RecordSet } from "../../src/domain/records.ts";
import type { KpiSnapshot } from "../../src/engine/snapshot-types.ts";
import type { IngestReport } from "../../src/http/events-route.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";
import { countingService } from "./helpers.ts";

/** A store of deployments fed by NDJSON; compute counts them per service and environment. */
export function ingestingService() {
  const records = emptyRecordSet();
  const ingest = async (body: string | Buffer): Promise<IngestReport> => {
    const rejected: { line: number; reason: string }[] = [];
    let stored = 0;
    String(body)
      .split("\n")
      .forEach((line, index) => {
        if (line.trim() === "") return;
        try {
          records.deployments.push(JSON.parse(line) as Deployment);
          stored++;
        } catch {
          rejected.push({ line: index + 1, reason: "invalid_json" });
        }
      });
    const report = { stored, rejected };
    return report;
  };
  const compute = (loaded: RecordSet, asOf: number): KpiSnapshot => {
    const counts = new Map<string, number>();
    for (const { service, environment } of loaded.deployments) {
      const key = `${service}/${environment}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const samples = [...counts].map(([key, value]) => {
      const [service = "", environment = ""] = key.split("/");
      return {
        name: KPI.deploymentsTotal.name,
        labels: { team: "payments", service, environment },
        value,
      };
    });
    return { asOf, samples };
  };
  return { ingest, ...countingService({ records, compute }) };
}
