import { DAY_MS } from "../../config/duration.ts";
import type { ConfigFile } from "../../config/schema.ts";
import type { Incident } from "../../domain/records.ts";
import type { Collector, CollectorDeps, RunReport } from "../collector.ts";
import { withContext } from "../github/sync/context.ts";
import type { IncidentCandidate } from "./candidate.ts";
import { type IncidentCatalogue, incidentCatalogue } from "./selectors.ts";
import { toIncident } from "./to-incident.ts";

// The run every incident tool shares. A tool is a list of units (Opsgenie alerts,
// Opsgenie incidents, one GitHub repository…); each unit reads from its cursor, its
// incidents are routed to services, and what belongs to a service is stored with the
// unit's next cursor in one transaction. A failing unit stores nothing and keeps its
// cursor; the others are kept, and the run then fails (collector_up 0).

export interface UnitResult {
  candidates: IncidentCandidate[];
  /** Stored with the incidents; handed back to sync() next run. */
  cursor: unknown;
}

export interface IncidentUnit {
  /** Cursor key within the source. */
  key: string;
  /** For messages: "Opsgenie alerts", "acme/checkout issues". */
  what: string;
  sync(cursor: unknown, window: { historyStart: number; now: number }): Promise<UnitResult>;
}

export interface IncidentSource {
  name: string;
  intervalMs: number;
  historyDays: number;
  /** Built per run: clients count their calls through deps.api. */
  units(deps: CollectorDeps): IncidentUnit[];
}

const CONCURRENCY = 4;
const EXAMPLES = 5;

interface Routed {
  incidents: Incident[];
  unmatched: string[];
  belowPriority: number;
}

/** Candidates to the incidents of catalogue services; details are read only for those. */
async function route(
  candidates: IncidentCandidate[],
  catalogue: IncidentCatalogue,
): Promise<Routed> {
  // A listing may show an item twice when it moves between pages; the last wins.
  const latest = new Map(candidates.map((c) => [c.id, c]));
  const routed: Routed = { incidents: [], unmatched: [], belowPriority: 0 };
  for (const candidate of latest.values()) {
    const to = catalogue.route(candidate.routing, candidate.priority, candidate.urgency);
    if ("unmatched" in to) routed.unmatched.push(candidate.id);
    else if ("belowPriority" in to) routed.belowPriority++;
    else {
      const enrichment = candidate.enrich ? await candidate.enrich() : {};
      routed.incidents.push(toIncident(candidate, to.service, enrichment, catalogue));
    }
  }
  return routed;
}

export function incidentCollector(config: ConfigFile, source: IncidentSource): Collector {
  const catalogue = incidentCatalogue(config);
  return {
    name: source.name,
    intervalMs: source.intervalMs,
    async run(deps: CollectorDeps): Promise<RunReport> {
      const now = deps.now();
      const window = { historyStart: now - source.historyDays * DAY_MS, now };
      const stored = await deps.store.cursors(source.name);
      const units = source.units(deps);
      const unmatched: string[] = [];
      const failures: Error[] = [];
      let belowPriority = 0;
      let kept = 0;
      let written = 0;
      let done = 0;
      const syncOne = async (unit: IncidentUnit) => {
        try {
          const result = await unit.sync(stored.get(unit.key), window);
          const routed = await route(result.candidates, catalogue);
          const counts = await deps.store.upsert(
            { incidents: routed.incidents },
            { cursors: [{ source: source.name, key: unit.key, value: result.cursor }] },
          );
          written += counts.incident.written;
          kept += routed.incidents.length;
          unmatched.push(...routed.unmatched);
          belowPriority += routed.belowPriority;
        } catch (error) {
          const failure = withContext(`collect ${unit.what}`, error);
          deps.logger.error("incident sync failed", {
            collector: source.name,
            error: failure.message,
          });
          failures.push(failure);
        }
        deps.progress?.update(++done, units.length, unit.what);
      };
      const queue = [...units];
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
          for (let u = queue.shift(); u; u = queue.shift()) await syncOne(u);
        }),
      );
      deps.progress?.done();
      if (unmatched.length) {
        // Counted with the import's rejections: an incident of no catalogue service.
        deps.rejected?.("incident", "unknown_service", unmatched.length);
        deps.logger.warn("incidents matching no service's incidents selectors were not stored", {
          collector: source.name,
          count: unmatched.length,
          examples: unmatched.slice(0, EXAMPLES).join(","),
        });
      }
      if (failures.length)
        throw new Error(
          `${source.name}: ${failures.length} of ${units.length} failed: ${failures.map((f) => f.message).join("; ")}`,
        );
      return {
        written,
        summary: `${kept} incidents kept; ${unmatched.length} matched no service, ${belowPriority} below the services' priorities`,
      };
    },
  };
}
