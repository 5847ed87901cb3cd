// Bearer tokens over real HTTP: which endpoint answers what, for each token configuration.
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { bearerToken } from "../../src/http/bearer.ts";
import { countingService, type Listening, listen } from "./helpers.ts";

const WRITE = "write-token-0123456789";
const READ = "read-token";
let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(tokens: { apiToken?: string; readToken?: string }) {
  const fixture = countingService();
  await fixture.service.refresh();
  const ingest = async () => ({ rejected: [] });
  server = await listen(
    createApp({ snapshots: fixture.service, self: fixture.self, ingest, ...tokens }),
  );
  const url = server.url;
  return {
    post: (token?: string) =>
      fetch(`${url}/api/v1/events`, {
        method: "POST",
        headers: {
          "content-type": "application/x-ndjson",
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: "",
      }),
    get: (path: string, token?: string) =>
      fetch(
        `${url}${path}`,
        token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
      ),
  };
}

describe("write endpoints", () => {
  it("are disabled with 403 when no API token is configured", async () => {
    const { post } = await start({});
    for (const token of [undefined, "anything"]) {
      const res = await post(token);
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatch(/KPI_API_TOKEN/);
    }
  });

  it("answer 401 with a Bearer challenge to a missing or wrong token", async () => {
    const { post } = await start({ apiToken: WRITE });
    for (const token of [undefined, "wrong", `${WRITE}x`, WRITE.slice(0, -1)]) {
      const res = await post(token);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(await res.json()).toEqual({ error: "missing or invalid bearer token" });
    }
  });

  it("accept the right token", async () => {
    const { post } = await start({ apiToken: WRITE });
    expect((await post(WRITE)).status).toBe(200);
  });

  it("do not accept the read token", async () => {
    const { post } = await start({ apiToken: WRITE, readToken: READ });
    expect((await post(READ)).status).toBe(401);
  });
});

describe("read endpoints", () => {
  it("are open when no read token is configured", async () => {
    const { get } = await start({ apiToken: WRITE });
    expect((await get("/metrics")).status).toBe(200);
    expect((await get("/api/v1/kpis")).status).toBe(200);
  });

  it("require the read token when one is configured; probes stay open", async () => {
    const { get } = await start({ apiToken: WRITE, readToken: READ });
    for (const path of ["/metrics", "/api/v1/kpis"]) {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="kpi-exporter"');
      expect((await get(path, "nope")).status).toBe(401);
      expect((await get(path, READ)).status).toBe(200);
    }
    expect((await get("/healthz")).status).toBe(200);
    expect((await get("/readyz")).status).toBe(200);
  });
});

describe("bearerToken", () => {
  it.each([
    ["Bearer abc", "abc"],
    ["bearer abc ", "abc"],
    ["Basic abc", undefined],
    ["Bearer", undefined],
    ["Bearer a b", undefined],
    [undefined, undefined],
  ])("%s → %s", (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
