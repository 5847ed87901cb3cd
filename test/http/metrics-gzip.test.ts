import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { acceptsGzip } from "../../src/http/gzip-body.ts";
import { countingService, listen } from "./helpers.ts";

// /metrics is sent compressed to a scraper that takes gzip (Prometheus does): the bytes it
// reads back are the KPI part of the served snapshot and then the self-metrics, as sent
// uncompressed; a client that does not ask gets no compression.

function get(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    request(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("/metrics compressed on request", () => {
  it("reads Accept-Encoding by name, star and q-value", () => {
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("br, gzip;q=0.5, deflate")).toBe(true);
    expect(acceptsGzip("GZIP")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("*, gzip;q=0")).toBe(false);
    expect(acceptsGzip("deflate, br")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it("sends the KPI part and the self-metrics as gzip, in either format", async () => {
    const { service, self } = countingService();
    await service.refresh();
    const http = await listen(createApp({ snapshots: service, self }));
    try {
      const kpis = service.current()?.exposition;
      if (!kpis) throw new Error("no snapshot");
      // The KPI part is compressed off the event loop: wait for it.
      let zipped = await get(`${http.url}/metrics`, { "accept-encoding": "gzip" });
      for (let n = 0; n < 100 && zipped.headers["content-encoding"] !== "gzip"; n++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        zipped = await get(`${http.url}/metrics`, { "accept-encoding": "gzip" });
      }
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(zipped.headers.vary).toBe("Accept, Accept-Encoding");
      expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
      const text = gunzipSync(zipped.body).toString("utf8");
      expect(text.startsWith(kpis.text)).toBe(true);
      expect(text.slice(kpis.text.length)).toMatch(/^# HELP kpi_exporter_/);

      const open = await get(`${http.url}/metrics`, {
        "accept-encoding": "gzip",
        accept: "application/openmetrics-text;version=1.0.0",
      });
      const openText = gunzipSync(open.body).toString("utf8");
      expect(openText.startsWith(kpis.openMetrics.slice(0, -"# EOF\n".length))).toBe(true);
      expect(openText.endsWith("# EOF\n")).toBe(true);
      expect(openText.match(/# EOF/g)).toHaveLength(1);

      const plain = await get(`${http.url}/metrics`, {});
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body.toString("utf8").startsWith(kpis.text)).toBe(true);
    } finally {
      await http.close();
    }
  });
});
