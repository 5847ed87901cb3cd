import type { ConfigFile } from "../../../config/schema.ts";
import { type Env, readSecret } from "../../../config/secrets.ts";
import type { Collector, CollectorDeps } from "../../collector.ts";
import { type IncidentUnit, incidentCollector } from "../incident-collector.ts";
import { createJsmClient } from "../jsm/client.ts";
import { alertsUnit } from "./alerts.ts";
import { createOpsgenieClient, OPSGENIE_HOSTS } from "./client.ts";
import type { OpsgenieSourceConfig } from "./config.ts";
import { incidentsUnit } from "./incidents.ts";

// The `opsgenie` source: Opsgenie alerts and incidents, or, with `api: jsm`, the same
// alerts from Jira Service Management Operations. Switching keeps the collector's name
// and the alerts' ids; only the API, its credentials and its cursor change (the first
// JSM run reads history_days again, updating the records it already holds).

export const OPSGENIE_SOURCE = "opsgenie";

export type OpsgenieCredentials =
  | { api: "opsgenie"; apiKey: string }
  | { api: "jsm"; email: string; apiToken: string };

function required(name: string, env: Env, api: string): string {
  const value = readSecret(name, env);
  if (value === undefined)
    throw new Error(`sources.opsgenie (api ${api}) needs ${name} (or ${name}_FILE) to be set`);
  return value;
}

/** Credentials for the configured API, or an error naming the variable to set. */
export function opsgenieCredentials(source: OpsgenieSourceConfig, env: Env): OpsgenieCredentials {
  if (source.api === "jsm")
    return {
      api: "jsm",
      email: required("JSM_EMAIL", env, "jsm"),
      apiToken: required("JSM_API_TOKEN", env, "jsm"),
    };
  return { api: "opsgenie", apiKey: required("OPSGENIE_API_KEY", env, "opsgenie") };
}

export interface OpsgenieCollectorOptions {
  /** Tests shrink back-off waits. */
  retryBaseMs?: number;
}

function units(
  source: OpsgenieSourceConfig,
  credentials: OpsgenieCredentials,
  deps: CollectorDeps,
  options: OpsgenieCollectorOptions,
): IncidentUnit[] {
  const common = {
    observer: deps.api,
    logger: deps.logger,
    ...(options.retryBaseMs !== undefined && { retryBaseMs: options.retryBaseMs }),
  };
  if (credentials.api === "jsm") {
    const client = createJsmClient({
      ...common,
      root: source.base_url ?? "https://api.atlassian.com",
      cloudId: source.cloud_id ?? "",
      email: credentials.email,
      apiToken: credentials.apiToken,
    });
    // JSM Operations has no incident API: its incidents are Jira work items.
    return source.alerts ? [alertsUnit(client, "jsm:alerts", source.query)] : [];
  }
  const client = createOpsgenieClient({
    ...common,
    baseUrl: source.base_url ?? OPSGENIE_HOSTS[source.region],
    apiKey: credentials.apiKey,
  });
  return [
    ...(source.alerts ? [alertsUnit(client, "opsgenie:alerts", source.query)] : []),
    ...(source.incidents ? [incidentsUnit(client, "opsgenie:incidents")] : []),
  ];
}

export function opsgenieCollector(
  config: ConfigFile,
  source: OpsgenieSourceConfig,
  credentials: OpsgenieCredentials,
  options: OpsgenieCollectorOptions = {},
): Collector {
  return incidentCollector(config, {
    name: OPSGENIE_SOURCE,
    intervalMs: source.interval,
    historyDays: source.history_days,
    units: (deps) => units(source, credentials, deps, options),
  });
}
