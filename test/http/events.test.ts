// POST /api/v1/events over real HTTP: ingestion, rejections, limits and the refresh after.
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { githubWebhook } from "../../src/sources/github/webhook.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";
import { ingestingService } from "./fake-store.ts";
import { countingService, type Listening, listen } from "./helpers.ts";

const TOKEN = "s3cret-write-token";
let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function kpis(url: string) {
  const res = await fetch(`${url}/api/v1/kpis`);
  return { status: res.status, body: await res.json() };
}

const deploymentLine = (id: string) =>
  JSON.stringify({ kind: "deployment", id, service: "checkout", environment: "production" });

describe("POST /api/v1/events", () => {
  async function start(options: { apiToken?: string; bodyLimit?: string } = {}) {
    const fixture = ingestingService();
    await fixture.service.refresh();
    server = await listen(
      createApp({
        snapshots: fixture.service,
        self: fixture.self,
        ingest: fixture.ingest,
        ...options,
      }),
    );
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server?.url}/api/v1/events`, {
        method: "POST",
        headers: {
          "content-type": "application/x-ndjson",
          authorization: `Bearer ${TOKEN}`,
          ...headers,
        },
        body,
      });
    return { ...fixture, url: server.url, post };
  }

  it("stores the events and serves the new KPIs as soon as it answers", async () => {
    const { url, post } = await start({ apiToken: TOKEN });
    expect((await kpis(url)).body.kpis).toEqual([]);
    const res = await post(`${deploymentLine("d1")}\n${deploymentLine("d2")}\n`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stored: 2, rejected: [] });
    expect((await kpis(url)).body.kpis).toEqual([
      {
        name: KPI.deploymentsTotal.name,
        labels: { team: "payments", service: "checkout", environment: "production" },
        value: 2,
      },
    ]);
  });

  it("answers 422 with the report when lines are rejected, storing the valid ones", async () => {
    const { url, post } = await start({ apiToken: TOKEN });
    const res = await post(`${deploymentLine("d1")}\n{not json\n`);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.rejected).toEqual([{ line: 2, reason: "invalid_json" }]);
    expect(body.stored).toBe(1);
    expect(body.error).toMatch(/1 line\(s\) rejected; the valid lines were stored/);
    expect((await kpis(url)).body.kpis[0].value).toBe(1);
  });

  it("states each route's own limit in its 413: the webhook's, not the events default", async () => {
    const fixture = ingestingService();
    await fixture.service.refresh();
    server = await listen(
      createApp({
        snapshots: fixture.service,
        self: fixture.self,
        bodyLimit: "10mb",
        webhooks: [
          {
            name: "github",
            definition: githubWebhook,
            options: {
              secrets: ["s3cret"],
              limit: "2kb",
              deliveries: {} as never,
              logger: { info() {}, warn() {}, error() {} },
              afterStore: async () => {},
              handle: async () => ({ status: "ignored", reason: "test" }) as never,
            },
          },
        ],
      }),
    );
    const res = await fetch(`${server.url}/webhooks/github`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pad: "x".repeat(4096) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: "request body larger than 2 KB, this route's limit",
    });
  });

  it("refuses bodies over the limit with 413 before ingesting", async () => {
    const { post, service } = await start({ apiToken: TOKEN, bodyLimit: "1kb" });
    const res = await post(deploymentLine("x".repeat(2048)));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: "request body larger than 1 KB, this route's limit",
    });
    expect(service.current()?.snapshot.samples).toEqual([]);
  });

  it("refuses other content types with 415", async () => {
    const { post } = await start({ apiToken: TOKEN });
    const res = await post(deploymentLine("d1"), { "content-type": "application/xml" });
    expect(res.status).toBe(415);
    expect((await res.json()).error).toMatch(
      /application\/x-ndjson.*application\/cloudevents\+json/,
    );
  });

  it("hands CloudEvents to the importer as one JSON batch, whatever the HTTP mode", async () => {
    const fixture = countingService();
    await fixture.service.refresh();
    const bodies: string[] = [];
    const ingest = async (body: string | Buffer) => {
      bodies.push(String(body));
      return { rejected: [] };
    };
    server = await listen(
      createApp({ snapshots: fixture.service, self: fixture.self, ingest, apiToken: TOKEN }),
    );
    const cdevent = { context: { type: "dev.cdevents.service.deployed.0.3.0" }, subject: {} };
    const send = (headers: Record<string, string>, body: unknown) =>
      fetch(`${server?.url}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, ...headers },
        body: JSON.stringify(body),
      });
    await send({ "content-type": "application/cloudevents+json" }, { type: "t", data: cdevent });
    await send({ "content-type": "application/cloudevents-batch+json" }, [cdevent]);
    await send(
      { "content-type": "application/json", "ce-specversion": "1.0", "ce-id": "1" },
      cdevent,
    );
    expect(bodies.map((body) => JSON.parse(body))).toEqual([
      [{ type: "t", data: cdevent }],
      [cdevent],
      [{ specversion: "1.0", id: "1", datacontenttype: "application/json", data: cdevent }],
    ]);
  });

  it("hides internals when ingestion throws", async () => {
    const fixture = countingService();
    await fixture.service.refresh();
    const ingest = () => Promise.reject(new Error('relation "deployments" does not exist'));
    const logged: string[] = [];
    server = await listen(
      createApp({
        snapshots: fixture.service,
        self: fixture.self,
        ingest,
        apiToken: TOKEN,
        logger: { info: () => {}, error: (message) => logged.push(message) },
      }),
    );
    const res = await fetch(`${server.url}/api/v1/events`, {
      method: "POST",
      headers: { "content-type": "text/plain", authorization: `Bearer ${TOKEN}` },
      body: "{}",
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: "event ingestion failed; see the server log" });
    expect(text).not.toMatch(/relation|at .*\.ts/);
    expect(logged).toEqual(["event ingestion failed"]);
  });

  it("answers unknown routes with a JSON 404", async () => {
    const { url } = await start();
    const res = await fetch(`${url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "not found" });
  });
});
