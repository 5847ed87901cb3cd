import type {
  Change,
  CheckResult,
  Deployment,
  EpochMs,
  ExperimentResult,
  Incident,
  RecordKind,
  Vulnerability,
} from "../domain/records.ts";
import { DEMO_TEAMS, type DemoTeam } from "./catalogue.ts";
import type { ServiceContext } from "./changes.ts";
import { type CostEvent, demoCosts } from "./costs.ts";
import { type ShippedFeature, serviceDelivery } from "./delivery.ts";
import { demoExperiments } from "./experiments.ts";
import { PROFILES } from "./profiles.ts";
import { randomStream } from "./random.ts";
import { toImportLine } from "./serialize.ts";
import { DAY, type DemoSpan } from "./time.ts";
import { serviceVulnerabilities } from "./vulnerabilities.ts";

// The demo organisation's history (examples/demo.yaml): about six months of delivery,
// incidents, checks, findings, costs and experiments, deterministic for a given asOf
// and seed. Everything happens within the `days` (default 180) up to asOf.

export interface DemoOptions {
  /** Evaluation instant, epoch ms: the data ends here. */
  asOf: EpochMs;
  days?: number;
  seed?: number;
}

export interface DemoData {
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
  checks: CheckResult[];
  vulnerabilities: Vulnerability[];
  costs: CostEvent[];
  experiments: ExperimentResult[];
}

export const DEMO_SEED = 20260630;

function serviceContext(
  team: DemoTeam,
  index: number,
  span: DemoSpan,
  seed: number,
  purpose: string,
): ServiceContext {
  const service = team.services[index] as DemoTeam["services"][number];
  let number = 100;
  const random = randomStream(seed, `${purpose}:${service.name}`);
  return {
    team,
    service,
    profile: PROFILES[team.level],
    span,
    random,
    nextNumber: () => (number += random.int(1, 3)),
  };
}

/** Incidents numbered by start time across the organisation, as an alerting tool does. */
function numberIncidents(incidents: Incident[]): Incident[] {
  incidents.sort((a, b) => a.startedAt - b.startedAt || (a.service < b.service ? -1 : 1));
  incidents.forEach((incident, n) => {
    incident.id = `INC-${1001 + n}`;
  });
  return incidents;
}

export function generateDemoData(options: DemoOptions): DemoData {
  const seed = options.seed ?? DEMO_SEED;
  // A whole-second start: instants are written to the second, and none may precede it.
  const start = Math.ceil((options.asOf - (options.days ?? 180) * DAY) / 1000) * 1000;
  const span: DemoSpan = { start, asOf: options.asOf };
  const data: DemoData = {
    deployments: [],
    changes: [],
    incidents: [],
    checks: [],
    vulnerabilities: [],
    costs: [],
    experiments: [],
  };
  const features: Array<ShippedFeature & { team: string }> = [];
  const incidentLinks: Array<{ item: { id: string }; incident: Incident }> = [];
  for (const team of DEMO_TEAMS) {
    team.services.forEach((_, index) => {
      // The slower teams have an incident still open on their first service's latest deployment.
      const ongoing = index === 0 && (team.level === "medium" || team.level === "low");
      const delivery = serviceDelivery(
        serviceContext(team, index, span, seed, "delivery"),
        ongoing,
      );
      data.deployments.push(...delivery.deployments);
      data.changes.push(...delivery.changes);
      data.incidents.push(...delivery.incidents);
      data.checks.push(...delivery.checks);
      features.push(...delivery.features.map((f) => ({ ...f, team: team.name })));
      incidentLinks.push(...delivery.incidentLinks);
      data.vulnerabilities.push(
        ...serviceVulnerabilities(serviceContext(team, index, span, seed, "security")),
      );
    });
  }
  numberIncidents(data.incidents);
  for (const link of incidentLinks) link.item.id = link.incident.id;
  data.costs = demoCosts(DEMO_TEAMS, span, seed);
  data.experiments = demoExperiments(features, span, seed);
  return data;
}

const LINE_KINDS: ReadonlyArray<[RecordKind, keyof DemoData]> = [
  ["change", "changes"],
  ["deployment", "deployments"],
  ["incident", "incidents"],
  ["check", "checks"],
  ["vulnerability", "vulnerabilities"],
  ["cost", "costs"],
  ["experiment", "experiments"],
];

/** The demo organisation as NDJSON lines of the import format v1. */
export function generateDemoEvents(options: DemoOptions): string[] {
  const data = generateDemoData(options);
  return LINE_KINDS.flatMap(([kind, key]) =>
    (data[key] as object[]).map((record) => toImportLine(kind, record)),
  );
}
