import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import type { EpochMs, RecordSet } from "../domain/records.ts";
import type { Analysis, DeploymentFacts } from "./analysis-types.ts";
import type { Assembled } from "./assemble.ts";
import type { BucketSource } from "./bucket-source.ts";
import { anyControlEnabled } from "./compliance.ts";
import { type ComplianceBucket, composeCompliance, serviceCompliance } from "./compliance-kpis.ts";
import { type CostBucket, costBuckets } from "./cost.ts";
import { composeDelivery, type DoraBucket, serviceDelivery } from "./delivery-buckets.ts";
import { type FindingSamples, findingSamples } from "./finding-samples.ts";
import { KeptWhole } from "./kept-whole.ts";
import type { ScopedBuckets } from "./scopes.ts";
import type { ServiceBuckets } from "./service-buckets.ts";
import type { ServicePart } from "./service-part.ts";
import { WindowCrossings } from "./window-crossings.ts";

// The incremental engine's buckets. A service's own buckets are kept while its part is the
// same object (no write touched it, asOf passed none of its instants), its deployments'
// failures are as they were (those cross services), and asOf has not crossed one of its
// items' window edges; teams and the organisation are merged again from them each time.
// Cost rows are summed in one pass in row order (sums of floats depend on it), so their
// buckets are kept whole while no cost row is written and no row crosses a window edge;
// the findings' samples likewise, while no finding is written and none changes state.

interface Kept<T> {
  part: ServicePart;
  failures: string;
  asOf: EpochMs;
  built: ServiceBuckets<T>;
}

/** Per service: which of its deployments failed, and when each recovered. */
function failuresByService(reached: ReadonlyMap<string, DeploymentFacts>): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [id, f] of reached) {
    if (!f.failure) continue;
    const service = f.deployment.service;
    keys.set(service, `${keys.get(service) ?? ""}${id}\u0000${f.failure.recoveredAt ?? ""}\u0001`);
  }
  return keys;
}

const holds = <T>(kept: Kept<T> | undefined, part: ServicePart, failures: string, asOf: EpochMs) =>
  kept !== undefined &&
  kept.part === part &&
  kept.failures === failures &&
  asOf >= kept.asOf &&
  asOf < kept.built.validUntil;

export class KeptBuckets implements BucketSource {
  readonly #parts: ReadonlyMap<string, ServicePart>;
  readonly #costs: KeptWhole<ScopedBuckets<CostBucket>[]>;
  readonly #findings: KeptWhole<FindingSamples>;
  #windows: readonly KpiWindow[] | undefined;
  #assembled: Assembled | undefined;
  #delivery = new Map<string, Kept<DoraBucket>>();
  #compliance = new Map<string, Kept<ComplianceBucket>>();

  /** `parts` is the engine's own map, read as it stands at each snapshot. */
  constructor(
    parts: ReadonlyMap<string, ServicePart>,
    costsVersion: () => number,
    findingsVersion: () => number,
  ) {
    this.#parts = parts;
    this.#costs = new KeptWhole(costsVersion);
    this.#findings = new KeptWhole(findingsVersion);
  }

  /** The assembly the next snapshot's analysis comes from: who carries facts from beyond. */
  assembled(assembled: Assembled): void {
    this.#assembled = assembled;
  }

  delivery(analysis: Analysis, windows: readonly KpiWindow[]): ScopedBuckets<DoraBucket>[] {
    this.#sameWindows(windows);
    const reached = this.#reachedIn(analysis);
    const failures = failuresByService(reached);
    // A service's facts: as its part decided them, but for those the assembly reached.
    const factsOf = (part: ServicePart) =>
      part.inOrder.map((own) => reached.get(own.deployment.id) ?? own);
    const built = this.#each(
      this.#delivery,
      (service, part) => [
        failures.get(service) ?? "",
        () => serviceDelivery(service, factsOf(part), part.changes, windows, analysis.asOf),
      ],
      analysis.asOf,
    );
    return composeDelivery(windows, built);
  }

  compliance(
    analysis: Analysis,
    windows: readonly KpiWindow[],
    config: EngineConfig,
  ): ScopedBuckets<ComplianceBucket>[] | undefined {
    if (!anyControlEnabled(config)) return undefined;
    this.#sameWindows(windows);
    const { asOf } = analysis;
    const built = this.#each(
      this.#compliance,
      (service, part) => {
        const team = part.inOrder[0]?.team ?? "";
        return ["", () => serviceCompliance(team, service, part.inOrder, windows, asOf)];
      },
      asOf,
    );
    return composeCompliance(windows, built);
  }

  costs(
    records: RecordSet,
    asOf: EpochMs,
    windows: readonly KpiWindow[],
    config: EngineConfig,
  ): ScopedBuckets<CostBucket>[] {
    return this.#costs.get(config, asOf, () => {
      const crossings = new WindowCrossings(windows, asOf);
      const value = costBuckets(records.costs, asOf, windows, config, crossings);
      return { value, validUntil: crossings.validUntil };
    });
  }

  findings(
    records: RecordSet,
    asOf: EpochMs,
    windows: readonly KpiWindow[],
    config: EngineConfig,
  ): FindingSamples {
    return this.#findings.get(config, asOf, () => {
      const value = findingSamples(records.vulnerabilities, asOf, windows, config);
      return { value, validUntil: value.validUntil };
    });
  }

  /** Each service's buckets, kept or built anew; services no longer held are forgotten. */
  #each<T>(
    kept: Map<string, Kept<T>>,
    inputs: (service: string, part: ServicePart) => [string, () => ServiceBuckets<T>],
    asOf: EpochMs,
  ): ServiceBuckets<T>[] {
    const out: ServiceBuckets<T>[] = [];
    for (const service of kept.keys()) if (!this.#parts.has(service)) kept.delete(service);
    for (const [service, part] of this.#parts) {
      const [failures, build] = inputs(service, part);
      const known = kept.get(service);
      if (holds(known, part, failures, asOf)) {
        out.push((known as Kept<T>).built);
        continue;
      }
      const built = build();
      kept.set(service, { part, failures, asOf, built });
      out.push(built);
    }
    return out;
  }

  /** Deployments whose facts differ from their part's; all of them for a foreign analysis. */
  #reachedIn(analysis: Analysis): ReadonlyMap<string, DeploymentFacts> {
    if (this.#assembled?.analysis === analysis) return this.#assembled.reached;
    this.#delivery.clear();
    return new Map(analysis.deployments.map((f) => [f.deployment.id, f]));
  }

  #sameWindows(windows: readonly KpiWindow[]): void {
    if (windows === this.#windows) return;
    this.#windows = windows;
    this.#delivery.clear();
    this.#compliance.clear();
  }
}
