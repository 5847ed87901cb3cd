import type { EventRejection } from "./types.ts";

// CDEvents travel as CloudEvents. A structured CloudEvent carries the CDEvent in `data`
// (or base64 in `data_base64`); the CDEvents SDKs also post the CDEvent itself
// ({context, subject}) as the event body. Both unwrap here to the CDEvent. Envelope
// problems name the CloudEvent attribute (/type, /data) as their field.

type Json = Record<string, unknown>;

export type Unwrapped = { cdevent: Json; ceType?: string } | { rejection: EventRejection };

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** A CDEvent posted as is, by its context.type: how a plain application/json body is recognised. */
const looksLikeCdevent = (value: Json) =>
  isObject(value.context) &&
  typeof value.context.type === "string" &&
  value.context.type.startsWith("dev.cdevents.");

const looksLikeCloudEvent = (value: Json) =>
  typeof value.specversion === "string" && typeof value.type === "string";

/**
 * The entries of a body that holds CloudEvents or CDEvents: a JSON array (a CloudEvents
 * batch), or one object that is a CloudEvent or a CDEvent. Undefined for anything else,
 * which stays import-format NDJSON. No valid NDJSON body changes meaning: an array was
 * never a record, and a record always has `kind`.
 */
export function cloudEventEntries(body: string): unknown[] | undefined {
  const text = body.trim();
  if (!text.startsWith("[") && !text.startsWith("{")) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (Array.isArray(value)) return value;
  if (!isObject(value) || "kind" in value) return undefined;
  return looksLikeCloudEvent(value) || looksLikeCdevent(value) ? [value] : undefined;
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const envelopeError = (field: string, message: string): Unwrapped => ({
  rejection: { field, code: "invalid_field", message: `${field}: ${message}` },
});

/** The CDEvent an entry of a batch carries, with the CloudEvent type when there was one. */
export function unwrap(entry: unknown): Unwrapped {
  if (!isObject(entry))
    return { rejection: { code: "invalid_json", message: "expected a CloudEvent object" } };
  // Within a batch, a context makes it a CDEvent: its schema then says what else is wrong.
  if ("context" in entry) return { cdevent: entry };
  const ceType = typeof entry.type === "string" ? entry.type : undefined;
  if (ceType === undefined) return envelopeError("/type", "required (the CloudEvent type)");
  if (!ceType.startsWith("dev.cdevents."))
    return {
      rejection: {
        field: "/type",
        code: "unknown_kind",
        message: `/type: CloudEvent type ${JSON.stringify(ceType)} is not a CDEvent (dev.cdevents.<subject>.<predicate>.<version>)`,
      },
    };
  let data = entry.data;
  if (typeof entry.data_base64 === "string")
    data = parseData(Buffer.from(entry.data_base64, "base64").toString("utf8"));
  // Some producers serialise the data twice: a JSON text inside the JSON event.
  else if (typeof data === "string") data = parseData(data);
  if (!isObject(data))
    return envelopeError(
      entry.data_base64 === undefined ? "/data" : "/data_base64",
      "expected the CDEvent ({context, subject}) as a JSON object",
    );
  return { cdevent: data, ceType };
}
