import type { NextFunction, Request, Response } from "express";
import { SOURCES } from "../sources/index.ts";
import type { SelfMetrics } from "./self-metrics.ts";

// Every answer the exporter gives, counted by route and status code: its own availability
// SLI (the demo's SLO and the SRE dashboard read it). The route label is one of the app's
// fixed paths, so it stays bounded whatever paths clients ask for.

const EXACT = new Set([
  "/metrics",
  "/healthz",
  "/readyz",
  "/api/v1/kpis",
  "/api/v1/events",
  ...SOURCES.filter((source) => source.webhook).map((source) => `/webhooks/${source.name}`),
]);
const PREFIXED: readonly [string, string][] = [
  ["/api/v1/deployments/", "/api/v1/deployments/{id}"],
  ["/api/v1/reports/", "/api/v1/reports/{quarter}"],
];

export function routeOf(path: string): string {
  if (EXACT.has(path)) return path;
  for (const [prefix, route] of PREFIXED) if (path.startsWith(prefix)) return route;
  return "other";
}

export function countResponses(self: SelfMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const arrived = performance.now();
    res.once("finish", () =>
      self.httpRequest(routeOf(req.path), res.statusCode, (performance.now() - arrived) / 1000),
    );
    next();
  };
}
