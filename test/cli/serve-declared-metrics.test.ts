import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrlInSchema, schemaPerStore } from "../support/pg-schemas.ts";
import { type ServeProcess, startServe } from "../support/serve.ts";

// Decision 142: a fresh `serve` whose collectors are stuck in their first run (the APIs
// accept connections and never answer) already shows every self-metric whose labels are
// known, over real HTTP: counters at 0, collector_up 0, and nothing it cannot know yet.

const databaseUrl = process.env.TEST_DATABASE_URL;
const nextSchema = schemaPerStore(databaseUrl, "kpi_declared");
const BACKENDS = ["pglite", ...(databaseUrl ? ["postgres"] : [])];

/** Answers nothing: every request stays open until the test closes the connections. */
async function neverAnswering(received: string[]): Promise<Server> {
  const server = createServer((request: IncomingMessage) => {
    received.push(request.url ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe.each(BACKENDS)(
  "self-metrics of a fresh serve on %s before any collector run finished",
  (backend) => {
    let dir: string;
    let silent: Server;
    const received: string[] = [];
    let serve: ServeProcess;
    let lines: string[] = [];

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "kpi-declared-"));
      silent = await neverAnswering(received);
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      await writeFile(
        join(dir, "config.yaml"),
        `version: kpi-exporter/v1
sources:
  github: { base_url: "${url}" }
  opencost: { base_url: "${url}", currency: EUR }
teams:
  - name: payments
    services: [{ name: checkout, repositories: [acme/checkout] }]
`,
      );
      const store: Record<string, string> =
        backend === "postgres" && databaseUrl
          ? { DATABASE_URL: await databaseUrlInSchema(databaseUrl, nextSchema()) }
          : {};
      const args = ["--config", join(dir, "config.yaml"), "--as-of", "2026-06-04T00:00:00Z"];
      if (backend === "pglite") args.push("--data-dir", join(dir, "store"));
      serve = await startServe(args, { GITHUB_TOKEN: "declared-test-token", ...store });
      // Both collectors have called their API and wait for an answer that never comes.
      await until(() => received.some((u) => u.startsWith("/cloudCost")), "opencost's request");
      await until(() => received.some((u) => u.startsWith("/repos/")), "github's request");
      const response = await fetch(`${serve.base}/metrics`);
      expect(response.status).toBe(200);
      lines = (await response.text()).split("\n").filter((l) => l.startsWith("kpi_exporter_"));
    }, 120_000);

    afterAll(async () => {
      silent?.closeAllConnections();
      silent?.close();
      await serve?.stop();
      await rm(dir, { recursive: true, force: true });
    }, 60_000);

    const family = (name: string) => lines.filter((l) => l.startsWith(`${name}{`));

    it("shows each configured collector down, with no last success, duration or rate limit", () => {
      expect(family("kpi_exporter_collector_up")).toEqual([
        'kpi_exporter_collector_up{collector="github"} 0',
        'kpi_exporter_collector_up{collector="opencost"} 0',
      ]);
      expect(family("kpi_exporter_collector_last_success_timestamp_seconds")).toEqual([]);
      expect(family("kpi_exporter_collector_duration_seconds")).toEqual([]);
    });

    it("shows each first run in progress and when it started (decision 153)", () => {
      expect(family("kpi_exporter_collector_running")).toEqual([
        'kpi_exporter_collector_running{collector="github"} 1',
        'kpi_exporter_collector_running{collector="opencost"} 1',
      ]);
      const started = family("kpi_exporter_collector_run_started_timestamp_seconds");
      expect(started).toHaveLength(2);
      for (const line of started) {
        const seconds = Number(line.split(" ")[1]);
        expect(Date.now() / 1000 - seconds).toBeGreaterThanOrEqual(0);
        expect(Date.now() / 1000 - seconds).toBeLessThan(120);
      }
      expect(family("kpi_exporter_api_rate_limit_remaining")).toEqual([]);
    });

    it("counts API requests at 0 for each collector and outcome", () => {
      const outcomes = ["ok", "not_modified", "error", "rate_limited"];
      expect(family("kpi_exporter_api_requests_total")).toEqual(
        ["github", "opencost"].flatMap((collector) =>
          outcomes.map(
            (outcome) =>
              `kpi_exporter_api_requests_total{collector="${collector}",outcome="${outcome}"} 0`,
          ),
        ),
      );
    });

    it("counts rejections at 0 for every kind and reason code", () => {
      const rejected = family("kpi_exporter_rejected_records_total");
      // 7 record kinds and "unknown", times 11 reason codes.
      expect(rejected).toHaveLength(88);
      expect(rejected.every((l) => l.endsWith("} 0"))).toBe(true);
      expect(rejected).toContain(
        'kpi_exporter_rejected_records_total{kind="incident",reason="unknown_service"} 0',
      );
      expect(rejected).toContain(
        'kpi_exporter_rejected_records_total{kind="unknown",reason="invalid_encoding"} 0',
      );
      expect(rejected).toContain(
        'kpi_exporter_rejected_records_total{kind="unknown",reason="invalid_json"} 0',
      );
    });

    it("shows the store's count of every kind, 0 in an empty store", () => {
      expect(family("kpi_exporter_records")).toEqual(
        ["deployment", "change", "incident", "check", "vulnerability", "cost", "experiment"].map(
          (kind) => `kpi_exporter_records{kind="${kind}"} 0`,
        ),
      );
    });

    it("stops within 10 s of SIGTERM while its collectors wait on the silent upstream", async () => {
      const asked = performance.now();
      const code = await serve.stop();
      expect(code).toBe(0);
      expect(performance.now() - asked).toBeLessThan(10_000);
    }, 30_000);
  },
);
