import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findBinary, requireBinary } from "../support/binaries.ts";
import { REPO } from "../support/cli.ts";

// The compose stack's Alertmanager config: deploy/alertmanager/entrypoint.sh renders the
// template from the environment, and amtool (Debian's prometheus-alertmanager) checks the
// result and tests its routing, for Opsgenie (or JSM) paging and for PagerDuty paging.
// The script runs under /bin/sh, and under busybox too where present: the image's shell.

const amtool = requireBinary("amtool", "the compose stack's Alertmanager config is not checked");
const SCRIPT = join(REPO, "deploy/alertmanager/entrypoint.sh");
const work = mkdtempSync(join(tmpdir(), "kpi-alertmanager-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const busybox = findBinary("busybox");
const SHELLS: string[][] = [["/bin/sh"], ...(busybox ? [[busybox, "sh"]] : [])];
let runs = 0;

function render(shell: string[], env: Record<string, string>, args: string[] = []) {
  const out = join(work, `rendered-${++runs}`);
  const [command, ...shellArgs] = shell as [string, ...string[]];
  const run = spawnSync(command, [...shellArgs, SCRIPT, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, ALERTMANAGER_RENDERED_DIR: out, ...env },
  });
  const file = join(out, "alertmanager.yml");
  return { ...run, out, file };
}

function amtoolRun(args: string[]) {
  return spawnSync(amtool as string, args, { encoding: "utf8" });
}

function routeOf(file: string, ...labels: string[]): string {
  return amtoolRun(["config", "routes", "test", `--config.file=${file}`, ...labels]).stdout.trim();
}

interface Receiver {
  name: string;
  opsgenie_configs?: Array<{ api_key_file: string; api_url: string }>;
  pagerduty_configs?: Array<{ routing_key_file: string }>;
  webhook_configs?: Array<{ url: string }>;
}
const receiver = (file: string, name: string): Receiver =>
  parse(readFileSync(file, "utf8")).receivers.find((r: Receiver) => r.name === name);

describe.skipIf(!amtool).each(SHELLS)("deploy/alertmanager under %s", (...shell) => {
  it("pages Opsgenie and files tickets to the webhook; keys stay out of the config", () => {
    const key = "og-key&|with-sed-specials";
    const run = render(shell, {
      ALERTMANAGER_PAGER: "opsgenie",
      OPSGENIE_API_KEY: key,
      OPSGENIE_API_URL: "https://api.eu.opsgenie.com/",
      TICKET_WEBHOOK_URL: "https://tickets.example.com/hooks/kpi?team=sre&x=1",
    });
    expect(run.status, run.stderr).toBe(0);
    const check = amtoolRun(["check-config", run.file]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(routeOf(run.file, "severity=page", "alertname=X")).toBe("page");
    expect(routeOf(run.file, "severity=ticket", "alertname=X")).toBe("ticket");
    expect(routeOf(run.file, "alertname=X")).toBe("default");
    const page = receiver(run.file, "page");
    expect(page.pagerduty_configs).toBeUndefined();
    const [opsgenie] = page.opsgenie_configs ?? [];
    expect(opsgenie?.api_url).toBe("https://api.eu.opsgenie.com/");
    expect(readFileSync(opsgenie?.api_key_file as string, "utf8")).toBe(key);
    expect(statSync(opsgenie?.api_key_file as string).mode & 0o077).toBe(0);
    expect(readFileSync(run.file, "utf8")).not.toContain("og-key");
    expect(receiver(run.file, "ticket").webhook_configs?.[0]?.url).toBe(
      "https://tickets.example.com/hooks/kpi?team=sre&x=1",
    );
  });

  it("pages PagerDuty with a key from a file, and keeps tickets silent without a webhook", () => {
    const keyFile = join(work, "pagerduty-key");
    writeFileSync(keyFile, "pd-routing-key");
    const run = render(shell, {
      ALERTMANAGER_PAGER: "pagerduty",
      PAGERDUTY_ROUTING_KEY_FILE: keyFile,
    });
    expect(run.status, run.stderr).toBe(0);
    const check = amtoolRun(["check-config", run.file]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(routeOf(run.file, "severity=page")).toBe("page");
    const page = receiver(run.file, "page");
    expect(page.opsgenie_configs).toBeUndefined();
    expect(page.pagerduty_configs?.[0]?.routing_key_file).toBe(keyFile);
    expect(receiver(run.file, "ticket").webhook_configs).toBeUndefined();
  });

  it("renders a valid config with nothing set, and says pages reach no one", () => {
    const run = render(shell, {});
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("ALERTMANAGER_PAGER=none");
    expect(amtoolRun(["check-config", run.file]).status).toBe(0);
    expect(receiver(run.file, "page")).toEqual({ name: "page" });
  });

  it.each([
    [
      { ALERTMANAGER_PAGER: "pagerduty" },
      "needs PAGERDUTY_ROUTING_KEY or PAGERDUTY_ROUTING_KEY_FILE",
    ],
    [{ ALERTMANAGER_PAGER: "opsgenie" }, "needs OPSGENIE_API_KEY or OPSGENIE_API_KEY_FILE"],
    [{ ALERTMANAGER_PAGER: "slack" }, "must be opsgenie, pagerduty or none, got 'slack'"],
    [{ TICKET_WEBHOOK_URL: 'https://x.example/"' }, "TICKET_WEBHOOK_URL must not contain quotes"],
    [
      { TICKET_WEBHOOK_URL: "tickets.example.com" },
      "TICKET_WEBHOOK_URL must be an http:// or https:// URL",
    ],
  ])("refuses %o", (env, message) => {
    const run = render(shell, env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
  });

  it("then runs its arguments, as the container runs Alertmanager", () => {
    const run = render(shell, {}, ["sh", "-c", 'echo "started with $0"', "rendered"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe("started with rendered\n");
  });
});
