// Literal CDEvents for the tests: the smallest schema-valid event of each type, with the
// parts a test varies passed in.
import type { MapContext } from "../../../src/sources/cdevents/types.ts";

export const SHA = "0123456789abcdef0123456789abcdef01234567";
export const AT = "2026-06-29T10:00:00Z";

/** checkout lives in acme/checkout; production is ^(prod|production)$ as by default. */
export const MAP_CONTEXT: MapContext = {
  serviceOfRepository: (repository) =>
    repository.toLowerCase() === "acme/checkout" ? "checkout" : undefined,
  catalogueRepository: (repository) =>
    repository.toLowerCase() === "acme/checkout" ? "acme/checkout" : undefined,
  isProduction: (environment) => /^(prod|production)$/i.test(environment),
};

type Json = Record<string, unknown>;

export function cdevent(
  type: string,
  subject: Json,
  options: { id?: string; timestamp?: string; customData?: unknown } = {},
): Json {
  return {
    context: {
      specversion: "0.5.1",
      id: options.id ?? "ctx-1",
      source: "/ci/acme",
      type: `dev.cdevents.${type}`,
      timestamp: options.timestamp ?? AT,
    },
    subject,
    ...(options.customData !== undefined && { customData: options.customData }),
  };
}

export const deployed = (
  options: { artifactId?: string; kpi?: Json; id?: string; predicate?: string } = {},
) =>
  cdevent(
    `service.${options.predicate ?? "deployed"}.0.3.0`,
    {
      id: "checkout",
      content: {
        environment: { id: "production" },
        artifactId: options.artifactId ?? `pkg:github/acme/checkout@${SHA}`,
      },
    },
    { id: options.id, customData: options.kpi && { kpi: options.kpi } },
  );

export const incident = (
  predicate: "detected" | "reported" | "resolved",
  options: { at?: string; environment?: string; kpi?: Json; id?: string } = {},
) =>
  cdevent(
    `incident.${predicate}.0.3.0`,
    {
      id: options.id ?? "INC-1",
      content: {
        environment: { id: options.environment ?? "production" },
        service: { id: "checkout" },
        description: `checkout ${predicate}`,
        ...(predicate === "reported" && { ticketURI: "https://tickets.example/INC-1" }),
      },
    },
    { timestamp: options.at, customData: options.kpi && { kpi: options.kpi } },
  );

/** A structured-mode CloudEvent carrying event in data. */
export const cloudEvent = (event: Json, overrides: Json = {}) => ({
  specversion: "1.0",
  id: (event.context as Json).id,
  source: "/ci/acme",
  type: (event.context as Json).type,
  datacontenttype: "application/json",
  data: event,
  ...overrides,
});
