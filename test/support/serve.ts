import { type ChildProcess, spawn } from "node:child_process";
import { BIN, REPO } from "./cli.ts";

// `kpi-exporter serve` (or `demo`) as a real process on an ephemeral loopback port, found
// in its log.

export interface ServeProcess {
  base: string;
  child: ChildProcess;
  /** Everything written to stderr so far. */
  log(): string;
  exitCode: Promise<number | null>;
  stop(): Promise<number | null>;
}

export function startServe(
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<ServeProcess> {
  return startExporter("serve", args, extraEnv);
}

/** `serve` or `demo` (which serves too), on an ephemeral loopback port. */
export async function startExporter(
  command: "serve" | "demo",
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<ServeProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  delete env.DATABASE_URL;
  delete env.KPI_READ_TOKEN;
  delete env.KPI_CONFIG;
  delete env.KPI_AS_OF;
  Object.assign(env, extraEnv);
  const child = spawn(
    process.execPath,
    [BIN, command, ...args, "--port", "0", "--host", "127.0.0.1"],
    { cwd: REPO, env },
  );
  const exitCode = new Promise<number | null>((resolve) => child.on("close", resolve));
  let log = "";
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (chunk) => {
      log += chunk;
      // logfmt (url=http://…) or LOG_FORMAT=json ("url":"http://…").
      const match = /url(?:=|":")http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(log);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    });
    child.on("close", () => reject(new Error(`serve exited early:\n${log}`)));
  });
  return {
    base,
    child,
    log: () => log,
    exitCode,
    stop: () => {
      child.kill("SIGTERM");
      return exitCode;
    },
  };
}

/** Polls `probe` until it returns true, up to `timeoutMs`; the last failure is the error. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
