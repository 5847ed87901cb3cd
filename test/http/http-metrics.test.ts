import { expect, test } from "vitest";
import { routeOf } from "../../src/http/http-metrics.ts";

// The route label is bounded: fixed paths as they are, ids and quarters folded into their
// route, anything else "other", whatever a client asks for.

test.each([
  ["/metrics", "/metrics"],
  ["/api/v1/kpis", "/api/v1/kpis"],
  ["/api/v1/deployments/acme/checkout/deployments/7", "/api/v1/deployments/{id}"],
  ["/api/v1/reports/2026-Q3.pdf", "/api/v1/reports/{quarter}"],
  ["/webhooks/github", "/webhooks/github"],
  ["/wp-admin/setup.php", "other"],
  ["/metrics/extra", "other"],
])("%s is counted as %s", (path, route) => {
  expect(routeOf(path)).toBe(route);
});
