import { pointerSegment } from "./schemas.ts";
import type { CdEvent, EventRejection, ImportObject, Provenance } from "./types.ts";

// The exporter's extension of CDEvents: customData.kpi holds import-format fields
// (contract §6) of the record the event becomes, for what a CDEvent cannot say
// (the commit a pipeline ran on, the catalogue's name of a service, a rollback's
// target). They win over the mapped values, so a sender can always correct a mapping.
// `kind` is the one field they cannot set: the event type decides it.

export type KpiFields = Record<string, unknown>;

const KPI_POINTER = "/customData/kpi";

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The customData.kpi object of an event, {} when it has none. customData may also be a
 * base64 string (the schema allows it); such an event simply carries no extension.
 */
export function kpiFields(event: CdEvent): { kpi: KpiFields } | { rejection: EventRejection } {
  const custom = event.customData;
  if (!isObject(custom) || custom.kpi === undefined) return { kpi: {} };
  if (!isObject(custom.kpi))
    return {
      rejection: {
        field: KPI_POINTER,
        code: "invalid_field",
        message: `${KPI_POINTER}: expected an object of import-format fields`,
      },
    };
  const { kind: _decidedByType, ...fields } = custom.kpi;
  return { kpi: fields };
}

export const kpiPointer = (field: string) => `${KPI_POINTER}/${pointerSegment(field)}`;

/** Sets the extension's fields on record, noting where each came from. */
export function overlay(record: ImportObject, from: Provenance, kpi: KpiFields): void {
  for (const [field, value] of Object.entries(kpi)) {
    record[field] = value;
    from[field] = kpiPointer(field);
  }
}
