import type { Rejection } from "./report.ts";

// A JSON array handed over as NDJSON (an export saved with `jq .`, a list built by a
// script) would otherwise be refused line by line, hundreds of times, for one mistake
// with one fix. Its first character gives it away: no import line starts with "[".

/** Where importBody's records come from, as rejections name it. */
export const REQUEST_SOURCE = "request";

/** Whether the first non-blank line opens an array rather than a record. */
export const opensArray = (line: string) => line.trimStart().startsWith("[");

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * An array of import-format records rather than a CloudEvents batch: every entry has a
 * kind and none has the CloudEvent or CDEvent envelope (specversion, context).
 */
export function isRecordArray(entries: readonly unknown[]): boolean {
  return (
    entries.length > 0 &&
    entries.every((e) => isObject(e) && "kind" in e && !("specversion" in e) && !("context" in e))
  );
}

function converted(path: string): string {
  return /\.json$/i.test(path) ? path.replace(/\.json$/i, ".ndjson") : `${path}.ndjson`;
}

/** The one rejection for a whole array: what it is and the command that fixes it. */
export function jsonArrayRejection(source: string): Rejection {
  const fix =
    source === REQUEST_SOURCE
      ? "send one JSON object per line (jq -c '.[]' FILE converts a file)"
      : `put one JSON object per line: jq -c '.[]' ${source} > ${converted(source)}`;
  const what = source === REQUEST_SOURCE ? "the body" : source;
  return {
    source,
    line: 1,
    code: "invalid_json",
    message: `${what} is a JSON array, not NDJSON; nothing in it was imported: ${fix}`,
  };
}
