import type { EngineConfig } from "../config/engine-config.ts";
import type { EpochMs } from "../domain/records.ts";
import type { AnchorCandidate } from "../store/horizon-probes.ts";
import type { FinishPoint } from "../store/horizon-ranges.ts";
import type { HorizonReads } from "../store/store.ts";

// Where each service's part of a bounded working set starts (METRICS.md decisions 144–147).
// Every KPI looks back at most its largest window plus the attribution window: that instant
// is the horizon. A service's records are read from a production deployment before its
// horizon that provably starts a clean history — one nothing after it can reach behind:
// not a rollback, not a redeploy, and one that takes every unlisted change merged before
// it (it carries no list, or no deployment without a list ever follows it).

/** Production deployments looked at per service for such an anchor before reading it all. */
const ANCHOR_CANDIDATES = 8;
const START_OF_TIME: FinishPoint = { at: Number.NEGATIVE_INFINITY, id: "" };

export interface ServiceStart {
  /** Production deployments finished from here on have exactly a full recompute's facts. */
  exactFrom: EpochMs;
  /** Deployments are read from here (finish order), and incidents started from its instant. */
  deployments: FinishPoint;
  /** Changes merged from here on are read. */
  changes: EpochMs;
  /** The anchor carries a list: production without one would ship older unlisted changes. */
  listedAnchor: boolean;
}

/** The service's whole history is in the working set. */
export const WHOLE: ServiceStart = {
  exactFrom: Number.NEGATIVE_INFINITY,
  deployments: START_OF_TIME,
  changes: Number.NEGATIVE_INFINITY,
  listedAnchor: false,
};

/** The earliest instant any KPI at asOf can look at. */
export function horizonOf(config: EngineConfig, asOf: EpochMs): EpochMs {
  const widest = Math.max(0, ...config.windows.map((w) => w.ms));
  return asOf - widest - config.attributionWindowMs;
}

/**
 * Whether a candidate is surely not a rollback, given the production deployment before it
 * (the next candidate, latest first), or undefined when that one was not read.
 */
function surelyNoRollback(c: AnchorCandidate, previous: AnchorCandidate | undefined): boolean {
  if (c.marked) return false;
  // Redeploying the previous commit moves nothing back; with another commit, either flag does.
  if (previous?.commitSha === c.commitSha) return true;
  return !c.redeploys && !c.ancestorOfPrevious;
}

function startOf(horizon: EpochMs, candidates: readonly AnchorCandidate[]): ServiceStart {
  // No production before the horizon: nothing shipped yet, so every change may still ship.
  if (!candidates.length)
    return { ...WHOLE, exactFrom: horizon, deployments: { at: horizon, id: "" } };
  const anchor = candidates.find(
    (c, i) => surelyNoRollback(c, candidates[i + 1]) && (c.mergeOrder || !c.mergeOrderAfter),
  );
  if (!anchor) return WHOLE;
  return {
    exactFrom: horizon,
    deployments: { at: anchor.finishedAt, id: anchor.id },
    changes: anchor.finishedAt,
    listedAnchor: !anchor.mergeOrder,
  };
}

/** Each service's start for its horizon. */
export async function startsFor(
  reads: HorizonReads,
  environments: readonly string[],
  horizons: ReadonlyMap<string, EpochMs>,
): Promise<Map<string, ServiceStart>> {
  const finite = [...horizons].filter(([, h]) => h > Number.NEGATIVE_INFINITY);
  const found = await reads.anchorCandidates(
    environments,
    finite.map(([service, before]) => ({ service, before })),
    ANCHOR_CANDIDATES,
  );
  const byService = new Map<string, AnchorCandidate[]>();
  for (const c of found) {
    const list = byService.get(c.service);
    if (list) list.push(c);
    else byService.set(c.service, [c]);
  }
  const starts = new Map<string, ServiceStart>();
  for (const [service, horizon] of horizons) {
    const candidates = (byService.get(service) ?? []).sort(
      (a, b) => b.finishedAt - a.finishedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
    starts.set(
      service,
      horizon === Number.NEGATIVE_INFINITY ? WHOLE : startOf(horizon, candidates),
    );
  }
  return starts;
}

/** Whether a deployment finished before the point, in finish order. */
export function before(at: EpochMs, id: string, point: FinishPoint): boolean {
  return at < point.at || (at === point.at && id < point.id);
}
