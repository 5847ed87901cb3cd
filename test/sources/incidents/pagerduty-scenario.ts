import type { FakePdIncident } from "../../support/fake-incidents/pagerduty.ts";

// scenario.ts told as PagerDuty incidents. INC-B's payload has no resolved_at (its
// resolve log entry dates it) and names its commit in the triggering event's custom
// details; INC-C routes by service name and passes ledger's priorities by urgency.

const CHECKOUT = { id: "PCHK001", name: "Checkout API" };
const LEDGER = { id: "PLDG002", name: "Ledger API" };

export function pdIncidents(): FakePdIncident[] {
  const base = { status: "resolved" as const, urgency: "high" as const };
  return [
    {
      ...base,
      id: "PINCA",
      number: 1,
      title: "Checkout 5xx above 2%",
      service: CHECKOUT,
      priority: "P1",
      createdAt: "2026-06-01T12:00:00Z",
      resolvedAt: "2026-06-01T13:00:00Z",
    },
    {
      ...base,
      id: "PINCB",
      number: 2,
      title: "Checkout latency above SLO",
      service: CHECKOUT,
      createdAt: "2026-06-22T08:00:00Z",
      resolvedAt: "2026-06-22T10:00:00Z",
      withoutResolvedAt: true,
      customDetails: { commit_sha: "c3c3c3c", dashboard: "latency" },
    },
    {
      ...base,
      id: "PINCC",
      number: 3,
      title: "Ledger postings rejected",
      service: LEDGER,
      createdAt: "2026-06-15T11:00:00Z",
      resolvedAt: "2026-06-15T12:00:00Z",
    },
    {
      ...base,
      id: "PNOISE4",
      number: 4,
      title: "Ledger batch slow",
      service: LEDGER,
      urgency: "low",
      priority: "P4",
      createdAt: "2026-06-05T11:00:00Z",
      resolvedAt: "2026-06-05T11:10:00Z",
    },
    {
      id: "PNOISE5",
      number: 5,
      title: "Search index lagging",
      status: "triggered",
      urgency: "high",
      service: { id: "PSRCH09", name: "Search" },
      createdAt: "2026-06-25T11:00:00Z",
    },
    {
      id: "PINCD",
      number: 6,
      title: "Refunds failing since acme/checkout#12",
      status: "acknowledged",
      urgency: "high",
      service: CHECKOUT,
      createdAt: "2026-06-12T09:00:00Z",
    },
  ];
}
