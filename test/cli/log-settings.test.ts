import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { runCli } from "../support/cli.ts";
import { startServe } from "../support/serve.ts";

// LOG_FORMAT=json gives one JSON object per line for log collectors; LOG_LEVEL=warn or
// error keeps routine lines out; a value we do not know stops the command, named.

function captured(options: Parameters<typeof createLogger>[0]) {
  const lines: string[] = [];
  const logger = createLogger({ ...options, write: (text) => lines.push(text) });
  return { logger, lines };
}

describe("log settings", () => {
  it("writes JSON lines with the fields as text, never letting a field replace the message", () => {
    const { logger, lines } = captured({ format: "json" });
    logger.warn("collector run failed", {
      collector: "github",
      attempt: 2,
      msg: "spoofed",
      constructor: "kept",
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith("}\n")).toBe(true);
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({
      level: "warn",
      msg: "collector run failed",
      collector: "github",
      attempt: "2",
      constructor: "kept",
    });
    expect(Date.parse(line.time)).not.toBeNaN();
  });

  it("writes logfmt with one msg, whatever the fields are called", () => {
    const { logger, lines } = captured({});
    logger.info("started", { msg: "spoofed", level: "error" });
    expect(lines[0]).toMatch(/^time=\S+ level=info msg=started\n$/);
  });

  it("drops what is below the level", () => {
    const { logger, lines } = captured({ level: "warn" });
    logger.info("routine");
    logger.warn("odd");
    logger.error("broken");
    expect(lines.map((l) => /level=(\w+)/.exec(l)?.[1])).toEqual(["warn", "error"]);
  });

  it("stops a command on a level it does not know, naming the variable", async () => {
    const result = await runCli(["check-config", "examples/demo.yaml"], {
      env: { LOG_LEVEL: "verbose" },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'LOG_LEVEL: "verbose" is not one of error, warn, info, debug, trace',
    );
  });

  it("serve logs JSON, naming its store by absolute path and an empty catalogue", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kpi-log-json-"));
    const served = await startServe(["--data-dir", join(dir, "data")], { LOG_FORMAT: "JSON" });
    try {
      const lines = served
        .log()
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line));
      const opened = lines.find((line) => line.msg === "store opened");
      expect(opened?.store).toBe(`PGlite in ${join(dir, "data")}`);
      expect(lines.every((line) => typeof line.level === "string")).toBe(true);
      // No --config and no ./kpi-exporter.yaml: said at start, before any line is refused.
      const empty = lines.find((line) => line.level === "warn" && /no services/.test(line.msg));
      expect(empty?.config).toBe("embedded default");
    } finally {
      await served.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
