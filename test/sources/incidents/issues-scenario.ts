import type { FakeIssue } from "../../support/fake-incidents/github-issues.ts";

// scenario.ts told as GitHub issues carrying an incident label. INC-B names its commit in
// the body, INC-D names the pull request as a bare #12 of its own repository, INC-C
// carries only the second configured label, and the pull request labelled `incident`
// is no incident.

export function scenarioIssues(): FakeIssue[] {
  const closed = (createdAt: string, closedAt: string) => ({
    createdAt,
    closedAt,
    updatedAt: closedAt,
  });
  return [
    {
      repository: "acme/checkout",
      number: 50,
      title: "Checkout 5xx above 2%",
      labels: ["incident", "P1"],
      ...closed("2026-06-01T12:00:00Z", "2026-06-01T13:00:00Z"),
    },
    {
      repository: "acme/checkout",
      number: 51,
      title: "Checkout latency above SLO",
      body: "Started after the rollout.\n\nSuspect commit c3c3c3c.",
      labels: ["incident"],
      ...closed("2026-06-22T08:00:00Z", "2026-06-22T10:00:00Z"),
    },
    {
      repository: "acme/ledger",
      number: 7,
      title: "Ledger postings rejected",
      labels: ["outage", "P2"],
      ...closed("2026-06-15T11:00:00Z", "2026-06-15T12:00:00Z"),
    },
    {
      repository: "acme/ledger",
      number: 8,
      title: "Ledger batch slow",
      labels: ["incident", "P4"],
      ...closed("2026-06-05T11:00:00Z", "2026-06-05T11:10:00Z"),
    },
    {
      repository: "acme/checkout",
      number: 52,
      title: "Refunds failing since #12",
      labels: ["incident"],
      createdAt: "2026-06-12T09:00:00Z",
      updatedAt: "2026-06-12T09:00:00Z",
    },
    {
      repository: "acme/checkout",
      number: 53,
      title: "Fix refunds",
      labels: ["incident"],
      pullRequest: true,
      createdAt: "2026-06-25T11:00:00Z",
      updatedAt: "2026-06-25T11:00:00Z",
    },
    {
      repository: "acme/checkout",
      number: 54,
      title: "Typo on the receipt",
      labels: ["bug"],
      createdAt: "2026-06-20T11:00:00Z",
      updatedAt: "2026-06-20T11:00:00Z",
    },
  ];
}
