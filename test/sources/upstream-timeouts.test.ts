import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

// Upstreams that hang or answer garbage, met by `sync` as a user runs it: each run ends
// with a message naming the source, the endpoint and what went wrong, within the
// configured timeouts (decision 153), instead of printing nothing for minutes.

const servers: Server[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A server that answers every request with `answer`, or never when it is undefined. */
async function upstream(answer?: { status: number; type: string; body: string }): Promise<string> {
  const server = createServer((_request, response) => {
    if (answer === undefined) return;
    response.writeHead(answer.status, { "content-type": answer.type }).end(answer.body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function sync(source: string, timeouts: string, env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), "kpi-upstream-"));
  dirs.push(dir);
  const config = join(dir, "config.yaml");
  await writeFile(
    config,
    `version: kpi-exporter/v1
collector_timeouts: ${timeouts}
sources:
  ${source}
teams:
  - name: payments
    services: [{ name: checkout, repositories: [acme/checkout] }]
`,
  );
  const started = performance.now();
  const result = await runCli(
    [
      "sync",
      "--config",
      config,
      "--data-dir",
      join(dir, "store"),
      "--as-of",
      "2026-06-04T00:00:00Z",
    ],
    { env },
  );
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

describe("sync against an upstream that never answers", () => {
  it("fails an OpenCost run after collector_timeouts.run, naming the day and endpoint", async () => {
    const url = await upstream();
    const run = await sync(
      `opencost: { base_url: "${url}", currency: EUR, window: 1d }`,
      "{ run: 2s }",
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("opencost: failed: ");
    expect(run.stdout + run.stderr).toContain(
      "the run took longer than 2 s (collector_timeouts.run)",
    );
    expect(run.seconds).toBeLessThan(30);
  }, 60_000);

  it("fails the run after collector_timeouts.run, whatever its requests wait for", async () => {
    const url = await upstream();
    const run = await sync(`github: { base_url: "${url}" }`, "{ request: 10m, run: 2s }", {
      GITHUB_TOKEN: "timeout-test-token",
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "github: failed: the run took longer than 2 s (collector_timeouts.run)",
    );
    expect(run.seconds).toBeLessThan(30);
  }, 60_000);

  it("fails a GitHub request after collector_timeouts.request with its address", async () => {
    const url = await upstream();
    const run = await sync(`github: { base_url: "${url}" }`, "{ request: 1s, run: 1m }", {
      GITHUB_TOKEN: "timeout-test-token",
    });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(
      /no answer from 127\.0\.0\.1:\d+\/repos\/acme\/checkout within 1 s \(collector_timeouts\.request\)/,
    );
  }, 90_000);
  it("fails an incident tool's run after collector_timeouts.run", async () => {
    const url = await upstream();
    const run = await sync(`pagerduty: { base_url: "${url}" }`, "{ run: 2s }", {
      PAGERDUTY_API_KEY: "timeout-test-key",
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "pagerduty: failed: the run took longer than 2 s (collector_timeouts.run)",
    );
    expect(run.seconds).toBeLessThan(30);
  }, 60_000);
});

describe("sync against an upstream that answers garbage", () => {
  it.each([
    [
      "opencost",
      (url: string) => `opencost: { base_url: "${url}", currency: EUR, window: 1d }`,
      {},
    ],
    [
      "github",
      (url: string) => `github: { base_url: "${url}" }`,
      { GITHUB_TOKEN: "garbage-test-token" },
    ],
  ])(
    "names %s's endpoint and what it expected",
    async (name, source, env) => {
      const url = await upstream({
        status: 200,
        type: "text/html",
        body: "<html>maintenance</html>",
      });
      const run = await sync(source(url), "{ request: 5s }", env);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(new RegExp(`^${name}: failed: `, "m"));
      const endpoint = name === "github" ? "/repos/acme/checkout" : "/cloudCost";
      expect(run.stdout).toContain(
        `${url.slice(7)}${endpoint} answered 200 with text/html, expected JSON: "<html>maintenance</html>"`,
      );
    },
    90_000,
  );
});
