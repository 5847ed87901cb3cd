import type { FakeAlert, OpsAccount } from "../../support/fake-incidents/ops-model.ts";
import { INC_D_CLOSED } from "./scenario.ts";

// scenario.ts told as Opsgenie (and JSM Operations) alerts and incidents. INC-B routes
// by its responder team, whose name only the team list gives; its commit is in the
// alert's details, which only the per-alert read returns.

const HOUR = 3_600_000;

function alert(a: Partial<FakeAlert> & Pick<FakeAlert, "id" | "createdAt">): FakeAlert {
  return {
    tinyId: a.id.replace(/\D/g, "") || "1",
    message: "",
    status: "open",
    tags: [],
    updatedAt: a.createdAt,
    priority: "P3",
    responders: [],
    details: {},
    ...a,
  };
}

const closedAfter = (createdAt: string, ms: number) => ({
  status: "closed" as const,
  closeTimeMs: ms,
  updatedAt: new Date(Date.parse(createdAt) + ms).toISOString(),
});

export const TEAM_ID = "5a0b3c4d-team-pay";

/** INC-C is an Opsgenie incident, or (JSM, which has no incident API) an alert. */
export function opsAccount(incC: "incident" | "alert"): OpsAccount {
  const alerts = [
    alert({
      id: "alert-a",
      message: "Checkout 5xx above 2%",
      tags: ["checkout", "env:prod"],
      priority: "P1",
      createdAt: "2026-06-01T12:00:00Z",
      ...closedAfter("2026-06-01T12:00:00Z", HOUR),
    }),
    alert({
      id: "alert-b",
      message: "Checkout latency above SLO",
      tags: ["web"],
      priority: "P2",
      responders: [{ type: "team", id: TEAM_ID }],
      details: { commit: "c3c3c3c", runbook: "https://wiki.example.com/latency" },
      createdAt: "2026-06-22T08:00:00Z",
      ...closedAfter("2026-06-22T08:00:00Z", 2 * HOUR),
    }),
    alert({
      id: "alert-noise-p4",
      message: "Ledger batch slow",
      tags: ["ledger"],
      priority: "P4",
      createdAt: "2026-06-05T11:00:00Z",
      ...closedAfter("2026-06-05T11:00:00Z", HOUR / 6),
    }),
    alert({
      id: "alert-noise-unknown",
      message: "Search index lagging",
      tags: ["search"],
      priority: "P1",
      createdAt: "2026-06-25T11:00:00Z",
    }),
    alert({
      id: "alert-d",
      message: "Refunds failing since acme/checkout#12",
      tags: ["checkout"],
      createdAt: "2026-06-12T09:00:00Z",
    }),
  ];
  if (incC === "alert")
    alerts.push(
      alert({
        id: "alert-c",
        message: "Ledger postings rejected",
        tags: ["ledger"],
        priority: "P2",
        createdAt: "2026-06-15T11:00:00Z",
        ...closedAfter("2026-06-15T11:00:00Z", HOUR),
      }),
    );
  const incidents =
    incC === "incident"
      ? [
          {
            id: "incident-c",
            tinyId: "7",
            message: "Ledger postings rejected",
            status: "resolved" as const,
            tags: ["ledger"],
            createdAt: "2026-06-15T11:00:00Z",
            updatedAt: "2026-06-15T12:00:00Z",
            priority: "P2",
            responders: [],
            extraProperties: { region: "eu-west-1" },
          },
        ]
      : [];
  return { alerts, incidents, teams: [{ id: TEAM_ID, name: "payments-oncall" }] };
}

/** INC-D is closed on 06-29: a later update than anything the first sync read. */
export function closeIncD(account: OpsAccount): void {
  const incD = account.alerts.find((a) => a.id === "alert-d");
  if (!incD) throw new Error("no alert-d");
  Object.assign(incD, {
    status: "closed",
    closeTimeMs: Date.parse(INC_D_CLOSED) - Date.parse(incD.createdAt),
    updatedAt: INC_D_CLOSED,
  });
}
