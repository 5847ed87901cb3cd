import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../support/cli.ts";
import { freePort } from "../support/prometheus.ts";
import { hostPathOf, loadCompose, loadDockerfile } from "./compose-file.ts";

// What the containers would run, run from the repository without Docker: the image's
// ENTRYPOINT and CMD (`serve` on the /data volume), its HEALTHCHECK command, and the
// compose stack's default command (the demo) with the config the stack mounts. Paths
// inside the image map back to the repository, which the image copies as they are.

const image = loadDockerfile();
const dataDir = mkdtempSync(join(tmpdir(), "kpi-image-data-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** An image argv as run here: `node` is this Node, /data a temp dir, port 9478 a free one. */
function localArgv(argv: readonly string[], port: number): string[] {
  return argv.map((arg) =>
    arg === "node"
      ? process.execPath
      : arg === "/data"
        ? dataDir
        : arg === "9478"
          ? String(port)
          : arg,
  );
}

/**
 * Runs argv with the image's ENV and `env` on top. The image listens on every interface
 * (KPI_HOST); `loopback` keeps this test's server to 127.0.0.1 where the check allows it.
 */
function spawnImage(argv: string[], env: Record<string, string>, loopback: boolean) {
  const [command, ...args] = argv as [string, ...string[]];
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...image.env, ...env };
  for (const name of ["DATABASE_URL", "KPI_AS_OF", "KPI_READ_TOKEN", "KPI_ALLOW_ANONYMOUS_READ"])
    if (!(name in env)) delete childEnv[name];
  // The image's WORKDIR is where it copies the repository's files.
  expect(image.workdir).toBe("/app");
  const host = loopback ? ["--host", "127.0.0.1"] : [];
  return spawn(command, [...args, ...host], { cwd: REPO, env: childEnv });
}

async function start(argv: string[], env: Record<string, string> = {}, loopback = true) {
  const child = spawnImage(argv, env, loopback);
  children.push(child);
  let log = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (chunk) => {
      log += chunk;
      if (/url=http:\/\/[\d.]+:\d+\/metrics/.test(log)) resolve();
    });
    child.on("close", (code) => reject(new Error(`exited ${code} before listening:\n${log}`)));
  });
  return child;
}

/** Stops the way `docker stop` does (SIGTERM) and waits for the exit. */
function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  child.kill("SIGTERM");
  return exited;
}

describe("the exporter image, run from the repository", () => {
  it("serves /metrics and passes its HEALTHCHECK with the image's ENTRYPOINT and CMD", async () => {
    const port = await freePort();
    const child = await start(localArgv([...image.entrypoint, ...image.cmd], port));
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^kpi_exporter_build_info\{version="/m);
    const [command, ...args] = localArgv(image.healthcheck, port).map((a) =>
      a.replace(":9478/", `:${port}/`),
    );
    const health = spawnSync(command as string, args, { cwd: REPO, encoding: "utf8" });
    expect(health.status, health.stderr).toBe(0);
    expect(await stop(child), "exit code after SIGTERM").toBe(0);
  }, 60_000);

  it("refuses to serve reads to its network without KPI_READ_TOKEN or the stack's consent", async () => {
    expect(image.env.KPI_HOST).toBe("0.0.0.0");
    const child = spawnImage(localArgv([...image.entrypoint, ...image.cmd], 0), {}, false);
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.once("close", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("--host 0.0.0.0 would serve /metrics");
    expect(stderr).toContain("KPI_READ_TOKEN");
  }, 30_000);

  it("shows the demo organisation with the compose stack's default command and mounted config", async () => {
    const exporter = loadCompose({ GRAFANA_ADMIN_PASSWORD: "x" }).services.exporter;
    const command = String(exporter?.command).split(" ");
    expect(command).toEqual(["demo"]);
    const config = exporter?.environment?.KPI_CONFIG as string;
    const hostConfig = hostPathOf(exporter ?? {}, config) as string;
    expect(hostConfig).toBe("examples/demo.yaml");
    const port = await freePort();
    // As in the stack: the image's KPI_HOST and the stack's environment, anonymous reads included.
    const { KPI_ALLOW_ANONYMOUS_READ = "" } = exporter?.environment ?? {};
    expect(KPI_ALLOW_ANONYMOUS_READ).toBe("true");
    const child = await start(
      localArgv([...image.entrypoint, ...command, "--port", "9478"], port),
      { KPI_CONFIG: join(REPO, hostConfig), KPI_ALLOW_ANONYMOUS_READ },
      false,
    );
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(
      /^dora_deployment_frequency_per_day\{window="30d",team="payments",service="checkout"\} \d/m,
    );
    expect(await stop(child), "exit code after SIGTERM").toBe(0);
  }, 90_000);
});
