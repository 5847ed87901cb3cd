import type { RecordKind } from "../../domain/records.ts";
import type { RejectCode } from "../../vocabulary/reject-codes.ts";

// Shapes shared by the CDEvents decoding steps. A CDEvent is typed as below only once
// its vendored schema accepted it, so what the schema requires is typed as present.

export interface CdEvent {
  context: { id: string; source: string; type: string; timestamp: string; specversion: string };
  subject: { id: string; source?: string; content: Record<string, unknown> };
  customData?: unknown;
}

/** Why an event was refused. `field` is a JSON pointer into the CDEvent. */
export interface EventRejection {
  /** The record kind the event would have become, when its type is one the exporter maps. */
  kind?: RecordKind;
  field?: string;
  code: RejectCode;
  message: string;
}

/** An import-format (contract §6) object: what the NDJSON importer reads. */
export type ImportObject = { kind: RecordKind } & Record<string, unknown>;

/**
 * Where each top-level field of an ImportObject came from, as a JSON pointer into the
 * CDEvent, so that the importer's rejections can name what the sender actually wrote.
 */
export type Provenance = Record<string, string>;

/** One event's part of an incident; the import folds these per incident id. */
export interface IncidentFact {
  id: string;
  /** Epoch ms: when the incident started (detection, report or customData.kpi.startedAt). */
  startedAt?: number;
  /** Epoch ms: when it was resolved. */
  resolvedAt?: number;
  /** Other import fields the event sets (service, title, url, commitSha, customData.kpi). */
  fields: Record<string, unknown>;
  from: Provenance;
}

export type Decoded =
  | { record: ImportObject; from: Provenance }
  | { incident: IncidentFact }
  | { ignored: string }
  | { rejection: EventRejection };

/** What mapping needs from the config, resolved once per request. */
export interface MapContext {
  /** The catalogue service listing this repository (owner/name), if any. */
  serviceOfRepository(repository: string): string | undefined;
  /** The catalogue's spelling of a repository named in any case, if listed. */
  catalogueRepository(repository: string): string | undefined;
  isProduction(environment: string): boolean;
}
