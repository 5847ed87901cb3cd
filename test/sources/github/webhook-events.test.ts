import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/sources/config-file.ts";
import { githubWebhookHandler } from "../../../src/sources/github/webhook-events.ts";
import { openStore } from "../../../src/store/open.ts";
import type { Store } from "../../../src/store/store.ts";
import { webhookExample } from "../../support/webhook-fixtures.ts";

// Each handled event, from GitHub's documented example payloads, to the records stored.

const config = parseConfig({
  version: "kpi-exporter/v1",
  teams: [
    {
      name: "core",
      services: [
        {
          name: "hello",
          repositories: ["Codertocat/Hello-World"],
          github: { workflows: ["Manually triggered workflow"] },
        },
        { name: "pika", repositories: ["octocat/hello-world"] },
      ],
    },
  ],
});
let store: Store;
let nudges = 0;
let handle: ReturnType<typeof githubWebhookHandler>;

beforeAll(async () => {
  store = await openStore();
  handle = githubWebhookHandler({ config, store, reconcile: () => nudges++, now: () => ARRIVAL });
});
afterAll(() => store.close());

const REPO = "Codertocat/Hello-World";
const ARRIVAL = Date.parse("2026-06-01T12:00:00Z");

describe("GitHub webhook events", () => {
  it("a successful deployment status is a live deployment at the status time", async () => {
    expect(
      await handle("deployment_status", webhookExample("deployment_status", "created")),
    ).toEqual({
      status: "stored",
      records: 1,
    });
    const [d] = (await store.load()).deployments;
    expect(d).toMatchObject({
      id: `${REPO}/deployments/145988746`,
      service: "hello",
      environment: "production",
      status: "success",
      commitSha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
      finishedAt: Date.parse("2019-05-15T15:20:55Z"),
      triggeredBy: "Codertocat",
    });
  });

  it("a failed status is a failed attempt; an unfinished one is not stored", async () => {
    const failed = webhookExample("deployment_status", "created");
    (failed.deployment as { id: number }).id = 7;
    (failed.deployment_status as { state: string }).state = "failure";
    await handle("deployment_status", failed);
    const running = webhookExample("deployment_status", "created");
    (running.deployment as { id: number }).id = 8;
    (running.deployment_status as { state: string }).state = "in_progress";
    expect(await handle("deployment_status", running)).toMatchObject({ status: "ignored" });
    const byId = new Map((await store.load()).deployments.map((d) => [d.id, d.status]));
    expect(byId.get(`${REPO}/deployments/7`)).toBe("failure");
    expect(byId.has(`${REPO}/deployments/8`)).toBe(false);
  });

  it("a completed run of a configured deploy workflow on the deploy branch deploys", async () => {
    const payload = webhookExample("workflow_run", "completed");
    (payload.workflow_run as { conclusion: string }).conclusion = "success";
    expect(await handle("workflow_run", payload)).toMatchObject({ status: "stored" });
    const ids = (await store.load()).deployments.map((d) => d.id);
    expect(ids).toContain(`${REPO}/actions/runs/1589141559`);
    (payload.workflow_run as { head_branch: string }).head_branch = "feature";
    expect(await handle("workflow_run", payload)).toMatchObject({ status: "ignored" });
  });

  it("a re-run's completed event is a deployment of its own beside attempt 1", async () => {
    const payload = webhookExample("workflow_run", "completed");
    Object.assign(payload.workflow_run as object, {
      conclusion: "success",
      run_attempt: 2,
      run_started_at: "2021-12-20T09:00:00Z",
      updated_at: "2021-12-20T09:05:00Z",
    });
    expect(await handle("workflow_run", payload)).toMatchObject({ status: "stored" });
    const byId = new Map((await store.load()).deployments.map((d) => [d.id, d]));
    expect(byId.get(`${REPO}/actions/runs/1589141559/attempts/2`)).toMatchObject({
      startedAt: Date.parse("2021-12-20T09:00:00Z"),
      finishedAt: Date.parse("2021-12-20T09:05:00Z"),
      url: "https://github.com/octo-org/octo-repo/actions/runs/1589141559/attempts/2",
    });
    // Attempt 1, stored by the test before, keeps its own finish.
    expect(byId.get(`${REPO}/actions/runs/1589141559`)?.finishedAt).toBe(
      Date.parse("2021-12-16T19:37:22Z"),
    );
  });

  it("each commit status state is a result at its time; pending is none", async () => {
    const status = (state: string, at: string) => ({
      sha: "EC26C3E57CA3A959CA5AAD62DE7213C562F8C821",
      context: "ci/build",
      state,
      created_at: at,
      updated_at: at,
      target_url: null,
      repository: { full_name: REPO },
    });
    expect(await handle("status", status("pending", "2026-06-01T09:00:00Z"))).toMatchObject({
      status: "ignored",
    });
    await handle("status", status("success", "2026-06-01T09:30:00Z"));
    await handle("status", status("failure", "2026-06-03T12:00:00Z"));
    const states = (await store.load()).checks
      .filter((c) => c.name === "ci/build")
      .map((c) => [c.commitSha, c.conclusion, c.completedAt, c.service]);
    expect(states).toEqual([
      [
        "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        "success",
        Date.parse("2026-06-01T09:30:00Z"),
        "hello",
      ],
      [
        "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        "failure",
        Date.parse("2026-06-03T12:00:00Z"),
        "hello",
      ],
    ]);
  });

  it("a merged pull request is a change; the poll's fuller record is never overwritten", async () => {
    const payload = webhookExample("pull_request", "closed");
    const pull = payload.pull_request as Record<string, unknown>;
    expect(await handle("pull_request", payload)).toMatchObject({ status: "ignored" });
    pull.merged = true;
    pull.merged_at = "2019-05-15T16:00:00Z";
    expect(await handle("pull_request", payload)).toMatchObject({ status: "stored" });
    const change = (await store.load()).changes.find((c) => c.id === `${REPO}#2`);
    expect(change).toMatchObject({
      service: "hello",
      mergedAt: Date.parse("2019-05-15T16:00:00Z"),
    });
    const polled = { ...change, approvals: [{ by: "reviewer", at: 1 }] } as typeof change & {};
    await store.upsert({ changes: [polled] });
    const before = nudges;
    expect(await handle("pull_request", payload)).toMatchObject({ status: "reconciling" });
    expect(nudges).toBe(before + 1);
    const kept = (await store.load()).changes.find((c) => c.id === `${REPO}#2`);
    expect(kept?.approvals).toEqual([{ by: "reviewer", at: 1 }]);
  });

  it("a review nudges the poll, which reads all approvals with the pull request", async () => {
    const before = nudges;
    const outcome = await handle(
      "pull_request_review",
      webhookExample("pull_request_review", "submitted"),
    );
    expect(outcome).toMatchObject({ status: "reconciling" });
    expect(nudges).toBe(before + 1);
  });

  it("a completed check run is check evidence for its commit", async () => {
    await handle("check_run", webhookExample("check_run", "completed"));
    const check = (await store.load()).checks.find((c) => c.name === "Octocoders-linter");
    expect(check).toMatchObject({
      commitSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
      conclusion: "failure",
      completedAt: Date.parse("2019-05-15T15:21:12Z"),
      service: "hello",
    });
  });

  it("alerts update the finding's state, the later event winning", async () => {
    await handle("dependabot_alert", webhookExample("dependabot_alert", "created"));
    await handle("dependabot_alert", webhookExample("dependabot_alert", "fixed"));
    const findings = (await store.load()).vulnerabilities.filter((v) => v.service === "pika");
    expect(findings).toHaveLength(1);
    expect(findings[0]?.fixedAt).toBeTypeOf("number");
    await handle("code_scanning_alert", webhookExample("code_scanning_alert", "created"));
    const id = "github:codertocat/hello-world:code-scanning:10";
    const opened = (await store.load()).vulnerabilities.find((v) => v.id === id);
    expect(opened).toMatchObject({
      severity: "high",
      openedAt: Date.parse("2021-02-11T03:10:43Z"),
    });
    expect(opened?.fixedAt).toBeUndefined();
    // This example closes the alert without a fixed_at: it is dated by its arrival.
    await handle("code_scanning_alert", webhookExample("code_scanning_alert", "fixed"));
    const fixed = (await store.load()).vulnerabilities.find((v) => v.id === id);
    expect(fixed?.fixedAt).toBe(ARRIVAL);
  });

  it("events of repositories outside the catalogue are ignored with the reason", async () => {
    const payload = webhookExample("deployment_status", "created");
    (payload.repository as { full_name: string }).full_name = "someone/else";
    expect(await handle("deployment_status", payload)).toEqual({
      status: "ignored",
      reason: "repository someone/else is not in the catalogue",
    });
  });
});
