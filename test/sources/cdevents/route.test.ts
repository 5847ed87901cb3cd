// CDEvents over real HTTP, in each CloudEvents mode, through the real importer, store and
// engine: what the endpoint answers, and the KPIs it serves right after.
import { afterEach, describe, expect, it } from "vitest";
import { toEngineConfig } from "../../../src/config/engine-config.ts";
import { computeSnapshot } from "../../../src/engine/snapshot.ts";
import { createApp } from "../../../src/http/app.ts";
import { SelfMetrics } from "../../../src/http/self-metrics.ts";
import { SnapshotService } from "../../../src/http/snapshot-service.ts";
import { parseConfig } from "../../../src/sources/config-file.ts";
import { importRequest } from "../../../src/sources/import-events.ts";
import { openStore } from "../../../src/store/open.ts";
import type { Store } from "../../../src/store/store.ts";
import { KPI } from "../../../src/vocabulary/kpi-catalogue.ts";
import { AS_OF, type Listening, listen } from "../../http/helpers.ts";
import { cloudEvent, deployed } from "./events.ts";

const TOKEN = "s3cret-write-token";
const CONFIG = parseConfig({
  version: "kpi-exporter/v1",
  teams: [{ name: "payments", services: [{ name: "checkout" }] }],
});
const open: { server: Listening; store: Store }[] = [];
afterEach(async () => {
  for (const { server, store } of open.splice(0)) {
    await server.close();
    await store.close();
  }
});

async function start() {
  const store = await openStore({});
  const self = new SelfMetrics({ version: "9.9.9-test" });
  const snapshots = new SnapshotService({
    load: () => store.load(),
    compute: (records, asOf) => computeSnapshot(records, toEngineConfig(CONFIG), asOf),
    asOf: () => AS_OF,
    self,
    logger: { info: () => {}, error: () => {} },
  });
  await snapshots.refresh();
  const ingest = (body: string | Buffer) => importRequest(body, { store, config: CONFIG });
  const server = await listen(createApp({ snapshots, self, ingest, apiToken: TOKEN }));
  open.push({ server, store });
  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(`${server.url}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, ...headers },
      body: JSON.stringify(body),
    });
  /** dora_deployments_total of checkout in production, as /api/v1/kpis serves it. */
  const deployments = async () => {
    const { kpis } = (await (await fetch(`${server.url}/api/v1/kpis`)).json()) as {
      kpis: { name: string; labels: Record<string, string>; value: number }[];
    };
    return kpis.find((k) => k.name === KPI.deploymentsTotal.name)?.value ?? 0;
  };
  return { post, deployments };
}

describe("POST /api/v1/events with CDEvents", () => {
  it("takes a structured-mode CloudEvent", async () => {
    const { post, deployments } = await start();
    const res = await post(cloudEvent(deployed({ id: "run-1" })), {
      "content-type": "application/cloudevents+json",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      accepted: { deployment: 1 },
      ignored: 0,
      rejected: [],
    });
    expect(await deployments()).toBe(1);
  });

  it("takes a batch, answering 422 for the refused events and storing the others", async () => {
    const { post, deployments } = await start();
    const bad = deployed({ id: "run-2", artifactId: "pkg:oci/checkout@sha256%3Aabc" });
    const batch = [cloudEvent(deployed({ id: "run-1" })), bad, deployed({ id: "run-3" })];
    const res = await post(batch, { "content-type": "application/cloudevents-batch+json" });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.rejected).toEqual([
      expect.objectContaining({
        line: 2,
        field: "/subject/content/artifactId",
        code: "invalid_field",
      }),
    ]);
    expect(body.error).toMatch(/1 line\(s\) rejected/);
    expect(await deployments()).toBe(2);
  });

  it("takes a binary-mode event: ce- headers and the CDEvent as the body", async () => {
    const { post, deployments } = await start();
    const event = deployed({ id: "run-1" });
    const res = await post(event, {
      "content-type": "application/json",
      "ce-specversion": "1.0",
      "ce-type": "dev.cdevents.service.deployed.0.3.0",
      "ce-id": "run-1",
      "ce-source": "/ci/acme",
      "ce-time": "2026-06-29T10:00:00Z",
    });
    expect(res.status).toBe(200);
    expect(await deployments()).toBe(1);
    const mismatch = await post(event, { "content-type": "application/json", "ce-type": "x.y" });
    expect((await mismatch.json()).rejected).toMatchObject([{ line: 1, field: "/type" }]);
  });

  it("recognises a bare CDEvent sent as application/json", async () => {
    const { post, deployments } = await start();
    const res = await post(deployed(), { "content-type": "application/json" });
    expect(res.status).toBe(200);
    expect(await deployments()).toBe(1);
  });
});
