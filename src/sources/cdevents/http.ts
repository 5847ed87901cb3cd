import type { IncomingHttpHeaders } from "node:http";

// The CloudEvents HTTP binding's three shapes of a request, brought to one: a JSON array
// of CloudEvents (the batch format), which the importer recognises by content. Structured
// mode carries the event in the body; binary mode carries the attributes in ce-* headers
// and the CDEvent alone as the body.

export const CLOUDEVENT_TYPE = "application/cloudevents+json";
export const CLOUDEVENTS_BATCH_TYPE = "application/cloudevents-batch+json";

function mediaType(headers: IncomingHttpHeaders): string {
  return (headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Binary mode is told by its required attributes; without them application/json is NDJSON. */
export function isBinaryCloudEvent(headers: IncomingHttpHeaders): boolean {
  return headers["ce-specversion"] !== undefined || headers["ce-type"] !== undefined;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The ce-* headers as CloudEvent attributes (the binding percent-encodes their values). */
function attributes(headers: IncomingHttpHeaders): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith("ce-") || value === undefined) continue;
    found[name.slice(3)] = decode(Array.isArray(value) ? value.join(",") : value);
  }
  return found;
}

/**
 * The text to hand to the importer for a request. Bodies that are not CloudEvents, and
 * bodies that are not JSON at all, pass unchanged: the importer then reports them as it
 * reports any line it cannot read.
 */
export function importText(headers: IncomingHttpHeaders, body: string): string {
  const type = mediaType(headers);
  const structured = type === CLOUDEVENT_TYPE;
  if (type === CLOUDEVENTS_BATCH_TYPE || (!structured && !isBinaryCloudEvent(headers))) return body;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return body;
  }
  if (structured) return JSON.stringify([value]);
  return JSON.stringify([{ ...attributes(headers), datacontenttype: type, data: value }]);
}
