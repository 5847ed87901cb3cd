import type { ConfigFile } from "../config/schema.ts";
import type { FileImporter } from "../import/file-importer.ts";
import type { Logger } from "../logger.ts";
import type { Store } from "../store/store.ts";
import type { ApiOutcome } from "../vocabulary/api-outcomes.ts";
import type { RejectCode } from "../vocabulary/reject-codes.ts";
import type { SourceConfig } from "./source-config.ts";
import type { WebhookDefinition } from "./webhook.ts";

// The one interface every source implements: a named, scheduled run that reads its
// system, writes records and cursors through the store, and says what it did. Runs are
// isolated: one source's failure never touches another's records.

export interface RunReport {
  /** Records written (inserted or changed). */
  written: number;
  /** Human summary, e.g. "200 repositories". */
  summary: string;
}

export interface Progress {
  /** Called as units of work complete (repositories, files, pages). */
  update(done: number, total: number, detail?: string): void;
  done(): void;
}

export interface CollectorDeps {
  store: Store;
  logger: Logger;
  /** Every external API call, by outcome, and the quota the API last reported. */
  api: { request(outcome: ApiOutcome): void; rateLimitRemaining(remaining: number): void };
  progress?: Progress;
  /** Items the source refused, counted in kpi_exporter_rejected_records_total{kind,reason}. */
  rejected?(kind: string, reason: RejectCode, n?: number): void;
  /** Current time; tests and `--as-of` runs fix it. */
  now(): number;
}

export interface Collector {
  readonly name: string;
  readonly intervalMs: number;
  run(deps: CollectorDeps): Promise<RunReport>;
}

/** A file format `kpi-exporter import --format NAME` reads. */
export interface ImportFormat {
  describe: string;
  /** Whether --service is required (scanner reports name no service themselves). */
  needsService?: boolean;
  run: FileImporter;
}

/**
 * What a source folder exports (its `definition.ts`): its name, its config section, the
 * collector it runs when the config has that section, the file formats it imports and the
 * webhook it receives. The config file's `sources:` schema, the sources table, the import
 * formats, the webhook routes and the command line's choices are all read from the list.
 */
export interface SourceDefinition {
  name: string;
  /** Its `sources.<name>` section (same name), validated when the config file is read. */
  // biome-ignore lint/suspicious/noExplicitAny: each definition's section has its own type
  config?: SourceConfig<any>;
  /** Why the config needs no section for it: a source of files only, or a scheduled job. */
  kind?: "files" | "job";
  create?(config: ConfigFile, env: NodeJS.ProcessEnv): Collector | undefined;
  formats?: Record<string, ImportFormat>;
  /** Pushes it receives, at POST /webhooks/<name>. */
  webhook?: WebhookDefinition;
}
