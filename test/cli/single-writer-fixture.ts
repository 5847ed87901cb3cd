import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { type CliResult, runCli } from "../support/cli.ts";
import { sample } from "../support/exposition.ts";
import type { ServeProcess } from "../support/serve.ts";

// What the single-writer tests share: a directory with a catalogue and a data dir that
// every command is pointed at, deployment events, and the checks on what names a holder.

export const TOKEN = "single-writer-token";
export const AS_OF = "2026-06-04T00:00:00Z";

// A small body limit, so that a file the server cannot take in one request is sent in parts.
const CONFIG = `version: kpi-exporter/v1
server: { body_limit: 2kb }
teams:
  - name: payments
    services: [{ name: checkout }]
`;

export interface Workspace {
  dir: string;
  store: string;
  /** --config, --data-dir and --as-of, as `serve` and the commands are given them. */
  args: string[];
  events(name: string, lines: string[]): Promise<string>;
  cli(command: string[], env?: Record<string, string>): Promise<CliResult>;
  close(): Promise<void>;
}

export async function workspace(name: string): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), `kpi-${name}-`));
  const store = join(dir, "store");
  const config = join(dir, "config.yaml");
  await writeFile(config, CONFIG);
  const args = ["--config", config, "--data-dir", store, "--as-of", AS_OF];
  return {
    dir,
    store,
    args,
    async events(file, lines) {
      const path = join(dir, file);
      await writeFile(path, `${lines.join("\n")}\n`);
      return path;
    },
    cli: (command, env = {}) => runCli([...command, ...args], { env }),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

export const deployment = (id: string, day: string) =>
  JSON.stringify({
    kind: "deployment",
    id,
    service: "checkout",
    environment: "production",
    finishedAt: `2026-06-0${day}T10:00:00Z`,
    commitSha: `${id}abcdef`,
  });

/** dora_deployments_total of the one catalogue service. */
export const deployments = (exposition: string) =>
  sample(
    exposition,
    "dora_deployments_total",
    'team="payments",service="checkout",environment="production"',
  );

export async function served(running: ServeProcess): Promise<string> {
  return (await fetch(`${running.base}/metrics`)).text();
}

export function expectNamesHolder(stderr: string, running: ServeProcess): void {
  expect(stderr).toContain(
    `is held by kpi-exporter serve (pid ${running.child.pid}, ${running.base}) since `,
  );
}
