import { createHmac } from "node:crypto";
import express from "express";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type WebhookOptions, webhookRoute } from "../../../src/http/webhooks/route.ts";
import { silentLogger } from "../../../src/logger.ts";
import { parseConfig } from "../../../src/sources/config-file.ts";
import { githubWebhook } from "../../../src/sources/github/webhook.ts";
import { openStore } from "../../../src/store/open.ts";
import type { Store } from "../../../src/store/store.ts";
import { signedDelivery, webhookExample } from "../../support/webhook-fixtures.ts";
import { type Listening, listen } from "../helpers.ts";

// The receiver over real HTTP, with the real event handler and a real (PGlite) store:
// what reaches the store, and what the sender is answered.

const SECRET = "current-secret";
const config = parseConfig({
  version: "kpi-exporter/v1",
  teams: [
    { name: "core", services: [{ name: "hello", repositories: ["Codertocat/Hello-World"] }] },
  ],
});
let store: Store;
let server: Listening | undefined;
let refreshed = 0;
let failNext = false;

beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.close());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(secrets: string[] = [SECRET], limit?: string) {
  const handle = githubWebhook.handler({ config, store });
  const app = express();
  const options: WebhookOptions = {
    secrets,
    limit,
    deliveries: store.deliveries,
    logger: silentLogger,
    afterStore: async () => {
      refreshed += 1;
    },
    handle: async (event, payload) => {
      if (!failNext) return handle(event, payload);
      failNext = false;
      throw new Error("database went away");
    },
  };
  const route = webhookRoute({ name: "github", definition: githubWebhook, options });
  app.post("/webhooks/github", ...route);
  server = await listen(app);
  return (body: string, headers: Record<string, string>) =>
    fetch(`${server?.url}/webhooks/github`, { method: "POST", body, headers });
}

const deployed = () => webhookExample("deployment_status", "created");
const productionDeployments = async () =>
  (await store.load()).deployments.filter((d) => d.environment === "production").length;

describe("POST /webhooks/github", () => {
  it("stores a signed deployment status and refreshes the KPIs before answering", async () => {
    const post = await start();
    const before = refreshed;
    const { body, headers } = signedDelivery(SECRET, "deployment_status", deployed(), "d-1");
    const res = await post(body, headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "stored", records: 1, delivery: "d-1" });
    expect(refreshed).toBe(before + 1);
    expect(await productionDeployments()).toBe(1);
  });

  it("answers 401 and stores nothing when the signature is wrong", async () => {
    const post = await start();
    const payload = deployed();
    (payload.deployment as { id: number }).id = 999;
    const { body, headers } = signedDelivery("another-secret", "deployment_status", payload);
    const res = await post(body, headers);
    expect(res.status).toBe(401);
    const tampered = signedDelivery(SECRET, "deployment_status", deployed());
    const edited = tampered.body.replace("145988746", "999");
    expect((await post(edited, tampered.headers)).status).toBe(401);
    const unsigned = { ...tampered.headers, "x-hub-signature-256": "" };
    expect((await post(tampered.body, unsigned)).status).toBe(401);
    expect((await store.load()).deployments.map((d) => d.id).join()).not.toMatch(/999/);
  });

  it("accepts deliveries signed with the previous secret during a rotation", async () => {
    const post = await start([SECRET, "previous-secret"]);
    const { body, headers } = signedDelivery("previous-secret", "ping", { zen: "Keep it simple." });
    const res = await post(body, headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "pong" });
  });

  it("applies a delivery once, answering duplicates without storing them again", async () => {
    const post = await start();
    const payload = deployed();
    (payload.deployment as { id: number }).id = 4242;
    const first = signedDelivery(SECRET, "deployment_status", payload, "dup-1");
    expect((await post(first.body, first.headers)).status).toBe(200);
    const before = refreshed;
    const again = await post(first.body, first.headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: "duplicate", delivery: "dup-1" });
    expect(refreshed).toBe(before);
  });

  it("remembers no delivery whose applying failed, so the redelivery is applied", async () => {
    const post = await start();
    const payload = deployed();
    (payload.deployment as { id: number }).id = 5151;
    const delivery = signedDelivery(SECRET, "deployment_status", payload, "retry-1");
    failNext = true;
    const failed = await post(delivery.body, delivery.headers);
    expect(failed.status).toBe(500);
    expect(JSON.stringify(await failed.json())).not.toMatch(/database went away/);
    const redelivered = await post(delivery.body, delivery.headers);
    expect(await redelivered.json()).toMatchObject({ status: "stored" });
    expect((await store.load()).deployments.some((d) => d.id.endsWith("/5151"))).toBe(true);
  });

  it("reads form-encoded deliveries, whose signature covers the encoded body", async () => {
    const post = await start();
    const payload = deployed();
    (payload.deployment as { id: number }).id = 6161;
    const json = signedDelivery(SECRET, "deployment_status", payload);
    const form = `payload=${encodeURIComponent(json.body)}`;
    const signedForm = signedDelivery(SECRET, "deployment_status", {});
    const headers = {
      ...signedForm.headers,
      "content-type": "application/x-www-form-urlencoded",
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(form).digest("hex")}`,
    };
    const res = await post(form, headers);
    expect(await res.json()).toMatchObject({ status: "stored" });
  });

  it("names what is wrong with a signed but malformed delivery", async () => {
    const post = await start();
    const noEvent = signedDelivery(SECRET, "deployment_status", deployed());
    const { "x-github-event": _, ...headers } = noEvent.headers;
    const res = await post(noEvent.body, headers);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/X-GitHub-Event/);
    const text = "{not json";
    const sig = `sha256=${createHmac("sha256", SECRET).update(text).digest("hex")}`;
    const res2 = await post(text, { ...noEvent.headers, "x-hub-signature-256": sig });
    expect(res2.status).toBe(400);
    expect((await res2.json()).error).toMatch(/not valid JSON/);
  });

  it("answers 202 with the reason for events it does not store", async () => {
    const post = await start();
    const job = signedDelivery(SECRET, "workflow_job", webhookExample("workflow_job", "queued"));
    const res = await post(job.body, job.headers);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: "ignored", reason: expect.any(String) });
  });

  it("refuses bodies over the limit and all deliveries when no secret is set", async () => {
    const big = signedDelivery(SECRET, "deployment_status", { pad: "x".repeat(4096) });
    expect((await (await start([SECRET], "1kb"))(big.body, big.headers)).status).toBe(413);
    await server?.close();
    const res = await (await start([]))(big.body, big.headers);
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/GITHUB_WEBHOOK_SECRET/);
  });
});
