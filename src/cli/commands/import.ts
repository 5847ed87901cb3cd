import { recordStoreEvidence } from "../../evidence/record-evidence.ts";
import type { ImportReport } from "../../import/index.ts";
import { importFormat } from "../../sources/import-formats.ts";
import { adoptPolicies, type CommonOptions, describeStore, loadContext } from "../context.ts";
import { forwardImport } from "../forward-import.ts";
import { terminalProgress } from "../progress.ts";
import { type ServerOption, storeOrServer } from "../store-or-server.ts";

// `kpi-exporter import FILE…`: exit 0 when every line was accepted, 2 when some were
// rejected (the valid ones are stored all the same), 1 when the import could not run.
// A line stored without its unknown fields is a warning, not a rejection: exit 0 unless
// --strict (or import.strict) turns it into one.

export function formatReport(report: ImportReport): string {
  const accepted = Object.entries(report.accepted)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ");
  const unknown = report.warnings.filter((w) => w.code === "unknown_field").length;
  const duplicates = report.warnings.length - unknown;
  const warned = [
    unknown ? `, ${unknown} stored without unknown fields (--strict rejects such lines)` : "",
    duplicates ? `, ${duplicates} replacing an earlier line with the same id` : "",
  ].join("");
  return `accepted ${accepted || "nothing"}; ${report.written} written, ${report.unchanged} unchanged, ${report.rejected.length} rejected${warned}`;
}

export function formatRejections(report: ImportReport): string {
  return (
    report.rejected
      // The message already names each offending field.
      .map((r) => `${r.source}:${r.line}: ${r.kind ? `${r.kind} ` : ""}${r.message} [${r.code}]\n`)
      .join("")
  );
}

export function formatWarnings(report: ImportReport): string {
  return report.warnings
    .map((w) => {
      const stored = w.code === "unknown_field" ? "; stored without it" : "";
      return `${w.source}:${w.line}: ${w.kind} ${w.message}${stored} [${w.code}]\n`;
    })
    .join("");
}

export interface ImportOptions extends CommonOptions, ServerOption {
  format: string;
  service?: string;
  /** Reject lines with unknown fields instead of storing them with a warning. */
  strict?: boolean;
}

/** What POST /api/v1/events takes; other formats are imported into a store only. */
const API_FORMAT = "ndjson";

export async function importCommand(files: string[], options: ImportOptions): Promise<number> {
  const format = importFormat(options.format);
  if (format.needsService && options.service === undefined)
    throw new Error(`--format ${options.format} needs --service NAME: the report names no service`);
  if (options.strict && options.format !== API_FORMAT)
    throw new Error(`--strict applies to --format ${API_FORMAT} (and CDEvents) only`);
  const strict = options.strict === true;
  const ctx = await loadContext(options);
  const target = await storeOrServer(options, {
    ...(options.format !== API_FORMAT && {
      refuse: `--format ${options.format} cannot go through its API, which takes NDJSON and CDEvents`,
    }),
  });
  if ("server" in target) {
    // The server's own importer stored the lines and appends the evidence at its refresh.
    const report = await forwardImport(files, target.server, { strict });
    process.stderr.write(formatWarnings(report) + formatRejections(report));
    process.stdout.write(`${formatReport(report)} (sent to ${target.server.name})\n`);
    return report.rejected.length ? 2 : 0;
  }
  const { store } = target;
  try {
    const report = await format.run(
      files,
      { store, config: ctx.config, strict },
      {
        ...(options.service !== undefined && { service: options.service }),
        progress: (label) => terminalProgress(label, process.stderr, true),
      },
    );
    process.stderr.write(formatWarnings(report) + formatRejections(report));
    process.stdout.write(`${formatReport(report)} (${describeStore(store, options)})\n`);
    await adoptPolicies(ctx, store);
    const evidence = await recordStoreEvidence(store, ctx.engine, ctx.clock());
    if (evidence) process.stdout.write(`${evidence}\n`);
    return report.rejected.length ? 2 : 0;
  } finally {
    await store.close();
  }
}
