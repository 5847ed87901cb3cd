import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { startServe } from "../support/serve.ts";

// A serving process shows its runtime as Node.js exporters do (process_*, nodejs_*) and
// how long each answer took by route; the one-shot `metrics` command shows neither, so
// its output stays a function of the store and --as-of.

const bucketCount = (body: string, route: string) =>
  Number(
    new RegExp(
      `^kpi_exporter_http_request_duration_seconds_count\\{route="${route.replaceAll("/", "\\/")}"\\} (\\d+)$`,
      "m",
    ).exec(body)?.[1] ?? Number.NaN,
  );

describe("runtime metrics", () => {
  it("serve shows process, Node.js and request-duration series; metrics does not", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kpi-runtime-"));
    const dataDir = join(dir, "data");
    const served = await startServe(["--data-dir", dataDir]);
    let body = "";
    try {
      for (let n = 0; n < 3; n++) await (await fetch(`${served.base}/healthz`)).arrayBuffer();
      await (await fetch(`${served.base}/metrics`)).text();
      body = await (await fetch(`${served.base}/metrics`)).text();
    } finally {
      await served.stop();
    }
    try {
      expect(body).toMatch(/^process_resident_memory_bytes \d+/m);
      expect(body).toMatch(/^nodejs_eventloop_lag_seconds [\d.e-]+/m);
      expect(body).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
      expect(bucketCount(body, "/healthz")).toBe(3);
      // The scrape being answered is counted once it is done: only the first shows here.
      expect(bucketCount(body, "/metrics")).toBe(1);
      const oneShot = await runCli(["metrics", "--data-dir", dataDir]);
      expect(oneShot.code, oneShot.stderr).toBe(0);
      expect(oneShot.stdout).toContain("kpi_exporter_build_info");
      expect(oneShot.stdout).not.toMatch(/^(process_|nodejs_|kpi_exporter_http_request_duration)/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
