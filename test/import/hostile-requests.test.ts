// Hostile bodies on POST /api/v1/events, over real HTTP through the real importer and
// store: one bad line is refused by number and reason, the valid lines around it stored.
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { SelfMetrics } from "../../src/http/self-metrics.ts";
import { SnapshotService } from "../../src/http/snapshot-service.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import { importRequest } from "../../src/sources/import-events.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { AS_OF, type Listening, listen } from "../http/helpers.ts";
import { cloudEvent, deployed } from "../sources/cdevents/events.ts";

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

const deployment = (id: string) =>
  JSON.stringify({
    kind: "deployment",
    id,
    service: "checkout",
    environment: "production",
    finishedAt: "2026-06-01T10:00:00Z",
    commitSha: "abc123",
  });
const nested = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

async function start() {
  const store = await openStore({});
  const self = new SelfMetrics({ version: "9.9.9-test" });
  const snapshots = new SnapshotService({
    load: () => store.load(),
    compute: () => ({ asOf: AS_OF, series: [] }) as never,
    asOf: () => AS_OF,
    self,
    logger: { info: () => {}, error: () => {} },
  });
  const ingest = (body: string | Buffer) => importRequest(body, { store, config: CONFIG });
  const server = await listen(createApp({ snapshots, self, ingest, apiToken: TOKEN }));
  open.push({ server, store });
  const post = async (body: string | Buffer, type = "application/x-ndjson") => {
    const response = await fetch(`${server.url}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": type },
      body: typeof body === "string" ? body : new Uint8Array(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const stored = async () => (await store.load()).deployments.map((d) => d.id).sort();
  return { post, stored };
}

describe("hostile event bodies", () => {
  it("refuses a line nested 2,000 levels deep by number and stores the others", async () => {
    const { post, stored } = await start();
    const deep = `{"kind":"deployment","id":"d-deep","extra":${nested(2000)}}`;
    const { status, json } = await post([deployment("d1"), deep, deployment("d3")].join("\n"));
    expect(status).toBe(422);
    expect(json.rejected).toEqual([
      expect.objectContaining({ line: 2, code: "limit_exceeded", kind: "deployment" }),
    ]);
    expect(await stored()).toEqual(["d1", "d3"]);
  });

  it("refuses a line over 1 MiB by number, as from a file", async () => {
    const { post, stored } = await start();
    const long = JSON.stringify({
      kind: "deployment",
      id: "d-long",
      pad: ["x".repeat(60_000)].concat(Array(20).fill("y".repeat(60_000))),
    });
    const { status, json } = await post([deployment("d1"), long, deployment("d3")].join("\n"));
    expect(status).toBe(422);
    expect(json.rejected).toEqual([
      expect.objectContaining({
        line: 2,
        code: "limit_exceeded",
        message: "line longer than 1048576 bytes",
      }),
    ]);
    expect(await stored()).toEqual(["d1", "d3"]);
  });

  it("refuses a line that is not UTF-8 by number instead of replacing its bytes", async () => {
    const { post, stored } = await start();
    const bad = Buffer.from(deployment("d-\u00e9")).map((b) => (b === 0xa9 ? 0x28 : b));
    const body = Buffer.concat([
      Buffer.from(`${deployment("d1")}\n`),
      bad,
      Buffer.from(`\n${deployment("d3")}`),
    ]);
    const { status, json } = await post(body);
    expect(status).toBe(422);
    expect(json.rejected).toEqual([
      expect.objectContaining({ line: 2, code: "invalid_encoding", source: "request" }),
    ]);
    expect(await stored()).toEqual(["d1", "d3"]);
  });

  it("refuses a CloudEvent that is not UTF-8, and a body in another charset, whole", async () => {
    const { post, stored } = await start();
    const broken = Buffer.concat([
      Buffer.from('[{"specversion":"1.0","id":"'),
      Buffer.from([0xff]),
      Buffer.from('"}]'),
    ]);
    expect(await post(broken, "application/cloudevents-batch+json")).toEqual({
      status: 400,
      json: { error: "the body is not valid UTF-8" },
    });
    const latin1 = await post(deployment("d1"), "application/x-ndjson; charset=iso-8859-1");
    expect(latin1.status).toBe(415);
    expect(await stored()).toEqual([]);
  });

  it.each([
    ["its customData.kpi", { kpi: { extra: "DEEP" } }],
    ["the CDEvent's subject", { artifactId: "DEEP" }],
  ])("refuses a CDEvent nested 5,000 levels deep in %s, by number", async (_where, options) => {
    const { post, stored } = await start();
    const deep = JSON.stringify(cloudEvent(deployed(options as never))).replace(
      '"DEEP"',
      nested(5000),
    );
    const fine = cloudEvent(deployed({ id: "ctx-2" }));
    const { status, json } = await post(
      `[${deep},${JSON.stringify(fine)}]`,
      "application/cloudevents-batch+json",
    );
    expect(status).toBe(422);
    expect(json.rejected).toEqual([expect.objectContaining({ line: 1, code: "limit_exceeded" })]);
    expect((await stored()).length).toBe(1);
  });
});
