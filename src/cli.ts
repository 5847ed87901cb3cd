import { Command, Option } from "commander";
import { checkConfigCommand } from "./cli/commands/check-config.ts";
import { demoCommand } from "./cli/commands/demo.ts";
import { type EvidenceOptions, evidenceVerifyCommand } from "./cli/commands/evidence.ts";
import { type ExplainOptions, explainDeploymentCommand } from "./cli/commands/explain.ts";
import { type ImportOptions, importCommand } from "./cli/commands/import.ts";
import { metricsCommand } from "./cli/commands/metrics.ts";
import { serveCommand } from "./cli/commands/serve.ts";
import { syncCommand } from "./cli/commands/sync.ts";
import type { CommonOptions } from "./cli/context.ts";
import { IMPORT_FORMATS } from "./import/formats.ts";
import { VERSION } from "./version.ts";

// Command line (contract section 7). Each command returns its exit code; the process
// exits with it once output is flushed.

function common(command: Command): Command {
  return command
    .option(
      "--config <file>",
      "config file (default: $KPI_CONFIG, ./kpi-exporter.yaml, or the embedded default)",
    )
    .option("--data-dir <dir>", "PGlite store directory, unless DATABASE_URL is set", undefined)
    .option("--as-of <iso>", "evaluation instant, ISO-8601 UTC (default: $KPI_AS_OF or now)");
}

function exitWith<Args extends unknown[]>(run: (...args: Args) => Promise<number>) {
  return async (...args: Args) => {
    process.exitCode = await run(...args);
  };
}

const program = new Command("kpi-exporter")
  .description("Delivery, cost, compliance, security and revenue KPIs as Prometheus metrics")
  .version(VERSION)
  .showHelpAfterError();

common(program.command("serve").description("serve /metrics and the API from the store"))
  .addOption(new Option("--port <n>", "listen port (default: server.port in the config, 9478)"))
  .addOption(new Option("--host <address>", "listen address").default("0.0.0.0"))
  .action(exitWith((o: CommonOptions & { host: string }) => serveCommand(o)));

common(
  program.command("demo").description("seed the demo organisation into the store, then serve it"),
)
  .addOption(new Option("--port <n>", "listen port (default 9478)"))
  .addOption(new Option("--host <address>", "listen address").default("0.0.0.0"))
  .option("--seed-only", "seed the store and exit without serving")
  .action(exitWith((o: CommonOptions & { host: string; seedOnly?: boolean }) => demoCommand(o)));

common(program.command("import").description("import event, billing, scanner or experiment files"))
  .argument("<files...>", "files in the chosen format")
  .addOption(
    new Option("--format <name>", "file format")
      .choices(Object.keys(IMPORT_FORMATS))
      .default("ndjson"),
  )
  .option("--service <name>", "catalogue service the files belong to (scanner reports)")
  .action(exitWith((files: string[], o: ImportOptions) => importCommand(files, o)));

common(program.command("sync").description("run every configured source once, then exit"))
  .option("--source <name>", "run only this source (e.g. github)")
  .action(exitWith((o: CommonOptions & { source?: string }) => syncCommand(o)));

common(
  program
    .command("metrics")
    .description("print the exposition of the snapshot at --as-of to stdout"),
).action(exitWith((o: CommonOptions) => metricsCommand(o)));

const explain = program
  .command("explain")
  .description("why the KPIs at --as-of count an item the way they do");
common(explain.command("deployment").description("explain one deployment"))
  .argument("<id>", "deployment id, as stored")
  .option("--json", "machine-readable JSON instead of text")
  .action(exitWith((id: string, o: ExplainOptions) => explainDeploymentCommand(id, o)));

const evidence = program
  .command("evidence")
  .description("the hash-chained evidence ledger of production deployments");
common(evidence.command("verify").description("check the chain; exit 1 naming any tampering"))
  .option("--json", "machine-readable JSON instead of text")
  .action(exitWith((o: EvidenceOptions) => evidenceVerifyCommand(o)));

program
  .command("check-config")
  .description("validate a config file and print every problem with its field path")
  .argument("<file>", "config file")
  .action(exitWith((file: string) => checkConfigCommand(file)));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`kpi-exporter: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
