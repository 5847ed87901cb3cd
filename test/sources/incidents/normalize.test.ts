import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  issueCandidate,
  issueSchema,
} from "../../../src/sources/incidents/github-issues/normalize.ts";
import type { PagerdutyClient } from "../../../src/sources/incidents/pagerduty/client.ts";
import { logEnrichment, pdCandidate } from "../../../src/sources/incidents/pagerduty/normalize.ts";
import {
  listLogEntriesResponse,
  pdIncident,
} from "../../../src/sources/incidents/pagerduty/types.ts";
import { slices } from "../../../src/sources/incidents/pagerduty/windows.ts";

// PagerDuty and GitHub payloads to candidates, with literal inputs: PagerDuty's
// documented examples, and a GitHub issue as the REST API returns it.

const pd = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/pagerduty/${name}`, import.meta.url), "utf8"))
    .example;
const at = Date.parse;

describe("PagerDuty", () => {
  const incident = pdIncident.parse(pd("incidents.json").incidents[0]);

  test("the documented incident: service id and name route it, priority P2, resolved_at", () => {
    expect(pdCandidate(incident, {} as PagerdutyClient)).toMatchObject({
      id: "pagerduty:PT4KHLK",
      title: "The server is on fire.",
      startedAt: at("2015-10-06T21:30:42Z"),
      resolvedAt: at("2015-10-06T21:38:23Z"),
      priority: "P2",
      urgency: "high",
      url: "https://subdomain.pagerduty.com/incidents/PT4KHLK",
      routing: { pagerdutyServices: ["PIJ90N7", "My Mail Service"] },
    });
  });

  test("log entries give the trigger's description and, lacking a resolve entry, the last status change", () => {
    const { log_entries } = listLogEntriesResponse.parse(pd("incident-log-entries.json"));
    expect(logEnrichment(log_entries, incident)).toEqual({
      fields: {},
      texts: ["Tasks::SFDCValidator - PD_Data__c - duplicates"],
      resolvedAt: at("2015-10-06T21:38:23Z"),
    });
  });

  test("history beyond six months is read in consecutive slices of at most 180 days", () => {
    const day = 86_400_000;
    expect(slices(0, 400 * day)).toEqual([
      { since: 0, until: 180 * day },
      { since: 180 * day, until: 360 * day },
      { since: 360 * day, until: 400 * day },
    ]);
    expect(slices(5, 5)).toEqual([]);
  });
});

describe("GitHub issues", () => {
  const issue = {
    number: 7,
    title: "Ledger down",
    state: "closed",
    labels: ["incident", { name: "P2" }],
    created_at: "2026-06-15T11:00:00Z",
    updated_at: "2026-06-15T12:00:00Z",
    closed_at: "2026-06-15T12:00:00Z",
    body: null,
  };

  test("opened at created_at, resolved at closed_at, priority from a label", () => {
    expect(issueCandidate(issueSchema.parse(issue), "acme/ledger")).toMatchObject({
      id: "acme/ledger#7",
      startedAt: at("2026-06-15T11:00:00Z"),
      resolvedAt: at("2026-06-15T12:00:00Z"),
      priority: "P2",
      routing: { tags: ["incident", "P2"], repository: "acme/ledger" },
    });
  });

  test("a pull request is no incident", () => {
    expect(
      issueCandidate(issueSchema.parse({ ...issue, pull_request: {} }), "acme/ledger"),
    ).toBeUndefined();
  });
});
