import { expect, test } from "vitest";
import { githubIssuesCollector } from "../../../src/sources/incidents/github-issues/collector.ts";
import { pagerdutyCollector } from "../../../src/sources/incidents/pagerduty/collector.ts";
import { startFakeGitHubIssues } from "../../support/fake-incidents/github-issues.ts";
import { startFakePagerduty } from "../../support/fake-incidents/pagerduty.ts";
import { collectorHarness } from "./collector-harness.ts";

// Incident sources side by side, over real HTTP: one source's failure leaves another's
// incidents and cursors alone; PagerDuty's 429 waits its ratelimit-reset; an unchanged
// GitHub repository costs only conditional requests. Each exchange is counted.

const h = collectorHarness();

test("one source failing leaves another source's incidents and cursors alone", {
  timeout: 60_000,
}, async () => {
  const pd = await startFakePagerduty({
    apiKey: "pd",
    incidents: [
      {
        id: "PX",
        number: 1,
        title: "Checkout down",
        status: "resolved",
        urgency: "high",
        service: { id: "PCHK001", name: "Checkout API" },
        createdAt: "2026-06-01T12:00:00Z",
        resolvedAt: "2026-06-01T13:00:00Z",
      },
    ],
  });
  h.track(pd);
  const cfg = h.config(`  pagerduty: { base_url: "${pd.url}" }`);
  const pagerduty = pagerdutyCollector(cfg, cfg.sources.pagerduty as never, "pd", {
    retryBaseMs: 1,
  });
  expect((await h.run(pagerduty)).ok).toBe(true);
  const { fake, collector } = await h.opsgenie();
  fake.inject(/./, 1000, { status: 500, body: { message: "down" } });
  expect((await h.run(collector)).ok).toBe(false);
  expect((await h.store.load()).incidents.map((i) => i.id)).toEqual(["pagerduty:PX"]);
  expect((await h.store.cursors("pagerduty")).size).toBe(1);
});

test("PagerDuty's 429 is retried after its ratelimit-reset", { timeout: 60_000 }, async () => {
  const pd = await startFakePagerduty({ apiKey: "pd", incidents: [] });
  h.track(pd);
  pd.inject(/^\/incidents$/, 1, {
    status: 429,
    headers: { "ratelimit-limit": "960", "ratelimit-remaining": "0", "ratelimit-reset": "0" },
    body: { error: { message: "Rate Limit Exceeded", code: 2020 } },
  });
  const cfg = h.config(`  pagerduty: { base_url: "${pd.url}" }`);
  const outcome = await h.run(pagerdutyCollector(cfg, cfg.sources.pagerduty as never, "pd"));
  expect(outcome.ok, outcome.error).toBe(true);
  expect(await h.outcomes("pagerduty")).toEqual({ ok: 1, rate_limited: 1 });
});

test("GitHub issues: an unchanged repository is answered 304 on the next sync", {
  timeout: 60_000,
}, async () => {
  const gh = await startFakeGitHubIssues({
    token: "t",
    issues: [
      {
        repository: "acme/checkout",
        number: 1,
        title: "Down",
        labels: ["incident"],
        createdAt: "2026-06-01T12:00:00Z",
        updatedAt: "2026-06-01T12:00:00Z",
      },
    ],
  });
  h.track(gh);
  const cfg = h.config(`  github_issues: { base_url: "${gh.url}" }`);
  const collector = githubIssuesCollector(cfg, cfg.sources.github_issues as never, {
    kind: "token",
    token: "t",
  });
  expect((await h.run(collector)).ok).toBe(true);
  // The first run moved the cursor to the issue's updated_at; from then on the URLs repeat.
  expect((await h.run(collector)).ok).toBe(true);
  gh.requests.length = 0;
  const before = (await h.outcomes("github_issues")).not_modified ?? 0;
  expect((await h.run(collector)).ok).toBe(true);
  // One listing per catalogue repository (acme/checkout, acme/ledger), both 304.
  expect(gh.requests.length).toBe(2);
  expect(gh.requests.every((r) => r.headers["if-none-match"] !== undefined)).toBe(true);
  expect((await h.outcomes("github_issues")).not_modified).toBe(before + 2);
});

test("GitHub issues: a repository with issues turned off (410) has none", {
  timeout: 60_000,
}, async () => {
  const gh = h.track(
    await startFakeGitHubIssues({
      token: "t",
      issues: [
        {
          repository: "acme/checkout",
          number: 1,
          title: "Down",
          labels: ["incident"],
          createdAt: "2026-06-01T12:00:00Z",
          updatedAt: "2026-06-01T12:00:00Z",
        },
      ],
    }),
  );
  gh.inject(/acme\/ledger/, 10, {
    status: 410,
    body: { message: "Issues are disabled for this repo" },
  });
  const cfg = h.config(`  github_issues: { base_url: "${gh.url}" }`);
  const collector = githubIssuesCollector(cfg, cfg.sources.github_issues as never, {
    kind: "token",
    token: "t",
  });
  const outcome = await h.run(collector);
  expect(outcome.ok, outcome.error).toBe(true);
  expect((await h.store.load()).incidents.map((i) => i.id)).toEqual(["acme/checkout#1"]);
});
