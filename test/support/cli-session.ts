import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliResult, runCli } from "./cli.ts";

// The end-to-end tests' user: a temporary directory with a config and a PGlite store of
// its own, where every command runs with that config and store at one fixed --as-of.

export interface CliSession {
  dir: string;
  cli(args: string[]): Promise<CliResult>;
  /** The exposition `kpi-exporter metrics` prints. */
  metrics(): Promise<string>;
  writeConfig(yaml: string): Promise<void>;
  close(): Promise<void>;
}

export async function cliSession(options: {
  /** Names the temporary directory, for anyone looking at a leftover one. */
  name: string;
  config: string;
  asOf: string;
  env?: Record<string, string>;
}): Promise<CliSession> {
  const dir = await mkdtemp(join(tmpdir(), `kpi-${options.name}-`));
  const config = join(dir, "config.yaml");
  await writeFile(config, options.config);
  const common = ["--config", config, "--data-dir", join(dir, "store"), "--as-of", options.asOf];
  const cli = (args: string[]) =>
    runCli([...args, ...common], options.env ? { env: options.env } : {});
  return {
    dir,
    cli,
    metrics: async () => (await cli(["metrics"])).stdout,
    writeConfig: (yaml) => writeFile(config, yaml),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
