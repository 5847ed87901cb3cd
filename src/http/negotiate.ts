// Chooses the /metrics format from the Accept header. Prometheus asks for OpenMetrics first,
// e.g. `application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;
// q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1`, and newer servers add parameters such as
// `escaping=allow-utf-8`. Express's req.accepts() requires every parameter of the range to
// match the offered type exactly, which would send those servers plain text, so we rank by
// media type and q-value only.

export type MetricsFormat = "text" | "openmetrics";

const OPENMETRICS = "application/openmetrics-text";
const TEXT_RANGES = new Set(["text/plain", "text/*", "*/*"]);

interface MediaRange {
  type: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(",")) {
    const [type = "", ...params] = part.split(";").map((piece) => piece.trim());
    if (type === "") continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=").map((piece) => piece.trim());
      if (key?.toLowerCase() === "q" && value !== undefined) {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type: type.toLowerCase(), q });
  }
  return ranges;
}

/**
 * OpenMetrics when the client accepts it at least as much as plain text (a client listing
 * both at the same weight asked for OpenMetrics on purpose); plain text otherwise, including
 * when there is no Accept header or only a wildcard.
 */
export function negotiateFormat(accept: string | undefined): MetricsFormat {
  if (accept === undefined) return "text";
  let openMetricsQ = 0;
  let textQ = 0;
  for (const range of parseAccept(accept)) {
    if (range.type === OPENMETRICS) openMetricsQ = Math.max(openMetricsQ, range.q);
    else if (TEXT_RANGES.has(range.type)) textQ = Math.max(textQ, range.q);
  }
  return openMetricsQ > 0 && openMetricsQ >= textQ ? "openmetrics" : "text";
}
