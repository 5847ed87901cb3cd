// One case of the incremental-engine property test, as plain data: a seed gives a list of
// writes and clock ticks, generated up front against a model of the store, so a failing
// case can be replayed (and cut down step by step) without regenerating anything.
import { type EngineConfig, toEngineConfig } from "../../src/config/engine-config.ts";
import type { BranchPolicy, RecordSet } from "../../src/domain/records.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import { change, deployment, incident } from "./incremental-property-delivery.ts";
import {
  check,
  checkSuite,
  cost,
  experiment,
  vulnerability,
} from "./incremental-property-evidence.ts";
import { Gen, type Kind } from "./incremental-property-model.ts";
import {
  CHECK_NAMES,
  DAY,
  HOUR,
  MINUTE,
  Rng,
  SERVICES,
  SPANS,
  START,
} from "./incremental-property-random.ts";

/**
 * Three teams with different controls: payments configures its required checks, platform
 * and the unassigned team (mystery) take theirs from branch policies, data disables some.
 */
export function propertyConfig(): EngineConfig {
  const team = (name: string, services: string[], controls?: Record<string, unknown>) => ({
    name,
    services: services.map((s) => ({ name: s })),
    ...(controls ? { compliance: { controls } } : {}),
  });
  return toEngineConfig(
    parseConfig({
      version: "kpi-exporter/v1",
      windows: ["1d", "7d", "30d"],
      attribution_window: "12h",
      // staging keeps its name in dora_deployments_total, dev folds into other.
      exported_environments: ["staging"],
      rework_labels: ["hotfix", "revert", "incident"],
      feature_labels: ["feature", "enhancement"],
      catalogue: { accept_unknown_services: true },
      teams: [
        team("payments", ["checkout", "billing"], { required_checks: ["sast", "/^trivy/"] }),
        team("platform", ["gateway"], { change_approval: 2 }),
        team("data", ["warehouse"], { required_checks: ["ci"], deployment_approval: false }),
      ],
      compliance: {
        controls: {
          change_approval: 1,
          deployment_approval: true,
          linked_ticket: "^[A-Z]+-[0-9]+$",
        },
      },
    }),
  );
}

export type Step =
  | { write: Partial<RecordSet>; policies?: BranchPolicy[]; compare: boolean }
  | { asOf: number; compare: boolean }
  /** A new engine from everything stored, as a restarted server builds it. */
  | { restart: true; compare: boolean };

/** Record makers, each listed as often as its share of the writes (in percent). */
const MAKERS: [number, Kind, (gen: Gen) => object[]][] = [
  [26, "deployments", (g) => [deployment(g)]],
  [26, "changes", (g) => [change(g)]],
  [14, "incidents", (g) => [incident(g)]],
  [10, "checks", check],
  [6, "checks", checkSuite],
  [5, "vulnerabilities", vulnerability],
  [7, "costs", cost],
  [6, "experiments", experiment],
];
const WEIGHTED = MAKERS.flatMap(([weight, ...maker]) =>
  Array.from({ length: weight }, () => maker),
);

/** One to five makers' records; later ones may name or rewrite earlier ones of the batch. */
function batch(gen: Gen): Partial<RecordSet> {
  const out: Partial<Record<Kind, object[]>> = {};
  for (let n = gen.rng.int(1, 5); n > 0; n--) {
    const [kind, make] = gen.rng.pick(WEIGHTED);
    const records = make(gen);
    gen.model.add({ [kind]: records });
    out[kind] = [...(out[kind] ?? []), ...records];
  }
  return out as Partial<RecordSet>;
}

function policies(rng: Rng): BranchPolicy[] {
  return Array.from({ length: rng.int(1, 2) }, () => {
    const service = rng.pick(SERVICES);
    const repository = `acme/${service}${rng.chance(0.3) ? "-infra" : ""}`;
    return { service, repository, branch: "main", requiredChecks: rng.some(CHECK_NAMES, 0.4) };
  });
}

/** Onto a record's instant or a window's edge from it (±1 ms), or by minutes to days. */
function tick(gen: Gen, forward: boolean): number {
  const { rng, asOf } = gen;
  const edges = gen.model.instants().flatMap((t) => [t, ...SPANS.map((s) => t + s)]);
  const targets = edges.filter((t) => (forward ? t > asOf : t < asOf));
  if (targets.length && rng.chance(0.5)) return rng.pick(targets) + rng.pick([0, 0, 0, 1, -1]);
  const by = rng.pick([rng.int(1, 120) * MINUTE, rng.int(1, 48) * HOUR, rng.int(1, 5) * DAY]);
  return forward ? asOf + by : asOf - Math.min(by, 3 * DAY);
}

/** `count` steps; the last one always compares. */
export function generateCase(seed: number, count: number): Step[] {
  const rng = new Rng(seed);
  const gen = new Gen(rng, START);
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    const compare = i === count - 1 || rng.chance(0.6);
    const roll = rng.next();
    if (roll < 0.66) {
      const write = roll < 0.6 ? batch(gen) : {};
      if (roll < 0.6 && !rng.chance(0.1)) steps.push({ write, compare });
      else {
        const written = policies(rng);
        gen.model.add({}, written);
        steps.push({ write, policies: written, compare });
      }
    } else if (roll < 0.69) steps.push({ restart: true, compare });
    else {
      gen.asOf = tick(gen, roll < 0.92);
      steps.push({ asOf: gen.asOf, compare });
    }
  }
  return steps;
}
