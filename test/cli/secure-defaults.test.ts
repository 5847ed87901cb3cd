import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, REPO, runCli } from "../support/cli.ts";

// Secure by default: serve and demo answer this machine only unless --host says otherwise;
// a wider bind needs a read token or an explicit --allow-anonymous-read; an embedded
// store's files are the owner's alone; a busy port stops the start, naming the port.

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "kpi-secure-"));
  dirs.push(dir);
  return dir;
};

/** `demo` with these args and env; resolves with its URL once listening, or its exit. */
function demo(args: string[], env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of ["KPI_READ_TOKEN", "KPI_HOST", "KPI_ALLOW_ANONYMOUS_READ", "DATABASE_URL"])
    if (!(name in env)) delete childEnv[name];
  const child = spawn(process.execPath, [BIN, "demo", ...args], { cwd: REPO, env: childEnv });
  children.push(child);
  let log = "";
  return new Promise<{ url?: string; code?: number | null; log: string; child: ChildProcess }>(
    (resolve) => {
      child.stderr.on("data", (chunk) => {
        log += chunk;
        const url = /url=(http:\/\/[^/\s]+)\/metrics/.exec(log)?.[1];
        if (url) resolve({ url, log, child });
      });
      child.on("close", (code) => resolve({ code, log, child }));
    },
  );
}

/** An address of this machine other than loopback, when it has one. */
const otherAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

describe("where serve and demo listen", () => {
  it("listens on loopback by default, unreachable from the machine's other addresses", async () => {
    const started = await demo(["--port", "0"]);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
    if (otherAddress) {
      const port = new URL(started.url as string).port;
      await expect(fetch(`http://${otherAddress}:${port}/healthz`)).rejects.toThrow();
    }
    started.child.kill("SIGTERM");
  }, 60_000);

  it("refuses a wider bind that would serve reads to anyone", async () => {
    const refused = await demo(["--port", "0", "--host", "0.0.0.0"]);
    expect(refused.code).toBe(1);
    expect(refused.log).toContain("--host 0.0.0.0 would serve /metrics");
    const byEnv = await demo(["--port", "0"], { KPI_HOST: "0.0.0.0" });
    expect(byEnv.code).toBe(1);
    const typo = await demo(["--port", "0", "--host", "0.0.0.0"], {
      KPI_ALLOW_ANONYMOUS_READ: "maybe",
    });
    expect(typo.code).toBe(1);
    expect(typo.log).toContain('KPI_ALLOW_ANONYMOUS_READ: expected true or false, got "maybe"');
  }, 60_000);

  it.each([
    ["a read token", [], { KPI_READ_TOKEN: "r34d" }, 401],
    ["--allow-anonymous-read", ["--allow-anonymous-read"], {}, 200],
    ["KPI_ALLOW_ANONYMOUS_READ=true", [], { KPI_ALLOW_ANONYMOUS_READ: "true" }, 200],
  ])(
    "serves a wider bind with %s",
    async (_how, args, env, anonymousStatus) => {
      const started = await demo(["--port", "0", "--host", "0.0.0.0", ...args], env);
      const port = new URL(started.url as string).port;
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(anonymousStatus);
      started.child.kill("SIGTERM");
    },
    60_000,
  );

  it("stops with exit 1 naming a port that is already in use", async () => {
    const first = await demo(["--port", "0"]);
    const port = new URL(first.url as string).port;
    const second = await demo(["--port", port]);
    expect(second.code).toBe(1);
    expect(second.log).toContain(`port ${port} on 127.0.0.1 is already in use`);
    first.child.kill("SIGTERM");
  }, 60_000);
});

/** Every file and directory under dir, with its permission bits. */
function modes(dir: string): [string, number][] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((path) => [
    path,
    statSync(join(dir, path)).mode & 0o777,
  ]);
}

describe("an embedded store's files", () => {
  it("are created for the owner alone: directories 0700, files 0600", async () => {
    const dataDir = join(tempDir(), "store");
    const seeded = await runCli(["demo", "--seed-only", "--data-dir", dataDir]);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const open = modes(dataDir).filter(([, mode]) => (mode & 0o077) !== 0);
    expect(modes(dataDir).length).toBeGreaterThan(10);
    expect(open).toEqual([]);
  }, 60_000);

  it("are reported when an existing store is open to group or others", async () => {
    const dataDir = join(tempDir(), "store");
    expect((await runCli(["demo", "--seed-only", "--data-dir", dataDir])).code).toBe(0);
    chmodSync(dataDir, 0o755);
    const again = await runCli(["demo", "--seed-only", "--data-dir", dataDir]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(
      `data dir ${dataDir} is readable or writable by group or others (mode 0755)`,
    );
    expect(statSync(dataDir).mode & 0o777).toBe(0o755);
  }, 60_000);
});
