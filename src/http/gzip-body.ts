import { gzip, gzipSync } from "node:zlib";

// /metrics compressed for scrapers that ask (Prometheus sends Accept-Encoding: gzip): tens
// of megabytes of series at 100k deployments shrink tenfold, so a scrape is written in a
// few event-loop turns instead of dozens while a refresh computes. The KPI part is
// compressed once per snapshot, off the event loop; the small self-metrics part per
// scrape, as a second gzip member (a gzip stream may hold several, and readers join them).

/** Fast over small: the body is compressed again for every snapshot. */
const LEVEL = 1;

/** Whether an Accept-Encoding header takes gzip (by name or `*`, with q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (name === "gzip" || name === "x-gzip") return accepted;
    if (name === "*") star = accepted;
  }
  return star;
}

/** A body's gzip form, made in the background; undefined until it is ready. */
export class LazyGzip {
  #done: Buffer | undefined;

  constructor(body: Buffer) {
    gzip(body, { level: LEVEL }, (error, compressed) => {
      // A failure leaves the body served uncompressed, as to a client that did not ask.
      if (!error) this.#done = compressed;
    });
  }

  get ready(): Buffer | undefined {
    return this.#done;
  }
}

/** A small part compressed at once, as the member that follows the cached one. */
export const gzipNow = (body: Buffer): Buffer => gzipSync(body, { level: LEVEL });
