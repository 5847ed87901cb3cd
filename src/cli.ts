import { Command, Option } from "commander";
import { type BackfillOptions, backfillCommand } from "./cli/commands/backfill.ts";
import { checkConfigCommand } from "./cli/commands/check-config.ts";
import { type DashboardsOptions, dashboardsCommand } from "./cli/commands/dashboards.ts";
import { demoCommand } from "./cli/commands/demo.ts";
import { type EvidenceOptions, evidenceVerifyCommand } from "./cli/commands/evidence.ts";
import {
  type EvidenceAnchorOptions,
  evidenceAnchorCommand,
} from "./cli/commands/evidence-anchor.ts";
import {
  type EvidenceExportOptions,
  evidenceExportCommand,
} from "./cli/commands/evidence-export.ts";
import {
  type EvidencePoliciesOptions,
  evidencePoliciesCommand,
} from "./cli/commands/evidence-policies.ts";
import { type ExplainOptions, explainDeploymentCommand } from "./cli/commands/explain.ts";
import { type ImportOptions, importCommand } from "./cli/commands/import.ts";
import { type MetricsOptions, metricsCommand } from "./cli/commands/metrics.ts";
import { type ReportOptions, reportCommand } from "./cli/commands/report.ts";
import { retentionCommand } from "./cli/commands/retention.ts";
import { type RulesOptions, rulesCommand } from "./cli/commands/rules.ts";
import { serveCommand } from "./cli/commands/serve.ts";
import { syncCommand } from "./cli/commands/sync.ts";
import { type CommonOptions, setCommandName } from "./cli/context.ts";
import { importFormatHelp } from "./cli/import-help.ts";
import type { ServeOptions } from "./cli/server.ts";
import { errorMessage } from "./domain/error-message.ts";
import { loggerFromEnv } from "./logger.ts";
import { REPORT_FORMATS } from "./reports/render.ts";
import { IMPORT_FORMATS } from "./sources/import-formats.ts";
import { VERSION } from "./version.ts";

// Command line (contract §7). Each command returns its exit code; the process
// exits with it once output is flushed.

function configAndStore(command: Command): Command {
  return command
    .option(
      "--config <file>",
      "config file (default: $KPI_CONFIG, ./kpi-exporter.yaml, or the embedded default)",
    )
    .option("--data-dir <dir>", "PGlite store directory, unless DATABASE_URL is set", undefined);
}

function common(command: Command): Command {
  return configAndStore(command).option(
    "--as-of <iso>",
    "evaluation instant, ISO-8601 UTC (default: $KPI_AS_OF or now)",
  );
}

/** Commands the API can serve: --url sends them there instead of opening a store. */
function viaServer(command: Command): Command {
  return command.option(
    "--url <url>",
    "send to this exporter's API (e.g. http://127.0.0.1:9478) instead of opening the store",
  );
}

function exitWith<Args extends unknown[]>(run: (...args: Args) => Promise<number>) {
  return async (...args: Args) => {
    process.exitCode = await run(...args);
  };
}

/** Where serve and demo listen: this machine only unless --host (KPI_HOST) says otherwise. */
function listening(command: Command, portHelp: string): Command {
  return command
    .addOption(new Option("--port <n>", portHelp))
    .addOption(
      new Option("--host <address>", "listen address; non-loopback needs KPI_READ_TOKEN")
        .env("KPI_HOST")
        .default("127.0.0.1"),
    )
    .option(
      "--allow-anonymous-read",
      "serve /metrics and the read API without KPI_READ_TOKEN on a non-loopback --host (also KPI_ALLOW_ANONYMOUS_READ=true)",
    );
}

const program = new Command("kpi-exporter")
  .description("Delivery, cost, compliance, security and revenue KPIs as Prometheus metrics")
  .version(VERSION)
  .showHelpAfterError()
  .hook("preAction", (_program, action) => {
    // `evidence verify`, not `verify`: the data dir lock and its messages name the command.
    const path: string[] = [];
    for (let c: Command | null = action; c?.parent; c = c.parent) path.unshift(c.name());
    setCommandName(path.join(" "));
  });

listening(
  common(program.command("serve").description("serve /metrics and the API from the store")),
  "listen port (default: server.port in the config, 9478)",
).action(exitWith((o: CommonOptions & ServeOptions) => serveCommand(o)));

listening(
  common(
    program.command("demo").description("seed the demo organisation into the store, then serve it"),
  ),
  "listen port (default 9478)",
)
  .option("--seed-only", "seed the store and exit without serving")
  .action(exitWith((o: CommonOptions & ServeOptions & { seedOnly?: boolean }) => demoCommand(o)));

viaServer(
  common(
    program.command("import").description("import event, billing, scanner or experiment files"),
  ),
)
  .argument("<files...>", "files in the chosen format")
  .addOption(
    new Option("--format <name>", "file format")
      .choices(Object.keys(IMPORT_FORMATS))
      .default("ndjson"),
  )
  .option("--service <name>", "catalogue service the files belong to (scanner reports)")
  .option("--strict", "reject lines with unknown fields instead of storing them with a warning")
  .addHelpText("after", importFormatHelp)
  .action(exitWith((files: string[], o: ImportOptions) => importCommand(files, o)));

common(program.command("sync").description("run every configured source once, then exit"))
  .option("--source <name>", "run only this source (e.g. github)")
  .action(
    exitWith(async (o: CommonOptions & { source?: string }) => {
      const code = await syncCommand(o);
      // A run stopped at its timeout may leave a client's retry back-off pending: done is done.
      setImmediate(() => process.exit(code));
      return code;
    }),
  );

viaServer(
  common(
    program
      .command("metrics")
      .description("print the exposition of the snapshot at --as-of to stdout"),
  ),
).action(exitWith((o: MetricsOptions) => metricsCommand(o)));

viaServer(
  common(
    program
      .command("report")
      .description("the quarterly KPI report (summary, COO/CFO/CISO/CTO sections, compliance)"),
  ),
)
  .requiredOption("--quarter <id>", "calendar quarter in UTC, e.g. 2026-Q3")
  .option("--team <name>", "report on one team instead of the organisation")
  .addOption(
    new Option("--format <name>", "output format")
      .choices(Object.keys(REPORT_FORMATS))
      .makeOptionMandatory(),
  )
  .option("--out <file>", "write to this file (binary formats need it, or a pipe)")
  .action(exitWith((o: ReportOptions) => reportCommand(o)));

configAndStore(
  program
    .command("backfill")
    .description(
      "print KPI history as OpenMetrics for promtool tsdb create-blocks-from openmetrics",
    ),
)
  .requiredOption("--from <iso>", "first instant, ISO-8601 UTC (a date means midnight)")
  .requiredOption("--to <iso>", "last instant, at least 3 hours ago")
  .option("--step <duration>", "time between instants (s, m, h, d, w)", "1d")
  .option("--out <file>", "write to this file instead of stdout")
  .action(exitWith((o: BackfillOptions) => backfillCommand(o)));

const explain = program
  .command("explain")
  .description("why the KPIs at --as-of count an item the way they do");
viaServer(common(explain.command("deployment").description("explain one deployment")))
  .argument("<id>", "deployment id, as stored")
  .option("--json", "machine-readable JSON instead of text")
  .action(exitWith((id: string, o: ExplainOptions) => explainDeploymentCommand(id, o)));

configAndStore(
  program
    .command("retention")
    .description(
      "seal the ledger into the write-once archive, prune what is past the config's retention",
    ),
).action(exitWith((o: CommonOptions) => retentionCommand(o)));

const evidence = program
  .command("evidence")
  .description("the hash-chained evidence ledger of production deployments");
common(
  evidence
    .command("anchor")
    .description("sign the ledger's head into a witness directory kept apart from the database"),
)
  .requiredOption("--key <file>", "Ed25519 private key, PEM (openssl genpkey -algorithm ed25519)")
  .requiredOption(
    "--witness <location>",
    "directory or s3://bucket/prefix the checkpoints are added to, never rewritten",
  )
  .action(exitWith((o: EvidenceAnchorOptions) => evidenceAnchorCommand(o)));
common(evidence.command("verify").description("check the chain; exit 1 naming any tampering"))
  .option(
    "--witness <dir>",
    "also hold the ledger against the signed checkpoints in this directory",
  )
  .option("--public-key <file>", "the checkpoints' Ed25519 public key, PEM (with --witness)")
  .option("--json", "machine-readable JSON instead of text")
  .option("--package <file>", "check an exported evidence package offline instead of the store")
  .option(
    "--archive <location>",
    "check the sealed segments in this directory or s3://bucket/prefix offline, no store",
  )
  .action(exitWith((o: EvidenceOptions) => evidenceVerifyCommand(o)));
configAndStore(
  evidence
    .command("export")
    .description("the auditor's package: production deployments of a period, with the chain"),
)
  .requiredOption("--from <iso>", "period start, ISO-8601 UTC (a date means midnight)")
  .requiredOption("--to <iso>", "period end, exclusive (a date means the whole day)")
  .addOption(
    new Option("--format <name>", "package format").choices(["json", "csv"]).default("json"),
  )
  .option("--out <file>", "write to this file instead of stdout")
  .action(exitWith((o: EvidenceExportOptions) => evidenceExportCommand(o)));
configAndStore(
  evidence
    .command("policies")
    .description("the compliance policy in force at an instant, per organisation and team"),
)
  .option("--at <iso>", "the instant, ISO-8601 UTC (default: now)")
  .option("--history", "every policy version, as the ledger recorded them")
  .option("--json", "machine-readable JSON instead of text")
  .option("--package <file>", "read an exported evidence package offline instead of the store")
  .action(exitWith((o: EvidencePoliciesOptions) => evidencePoliciesCommand(o)));

program
  .command("dashboards")
  .description("write the Grafana dashboards and provisioning files (checked in under dashboards/)")
  .option("--out <dir>", "output directory", "dashboards")
  .option(
    "--config <file>",
    "config file for currency, windows and thresholds (default: contract defaults)",
  )
  .action(exitWith((o: DashboardsOptions) => dashboardsCommand(o)));

program
  .command("rules")
  .description("write the Prometheus recording, KPI and SLO alert rules and their promtool tests")
  .option("--out <dir>", "output directory", "alerts")
  .option(
    "--config <file>",
    "config file (default: $KPI_CONFIG, ./kpi-exporter.yaml, or examples/demo.yaml)",
  )
  .action(exitWith((o: RulesOptions) => rulesCommand(o)));

program
  .command("check-config")
  .description("validate a config file and print every problem with its field path")
  .argument("<file>", "config file")
  .action(exitWith((file: string) => checkConfigCommand(file)));

// A LOG_LEVEL or LOG_FORMAT we do not know stops every command, before it does anything.
program.hook("preAction", () => void loggerFromEnv());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`kpi-exporter: ${errorMessage(error)}\n`);
  process.exitCode = 1;
}
