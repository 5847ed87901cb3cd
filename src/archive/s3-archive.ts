import { createHash } from "node:crypto";
import { sha256Hex } from "../domain/canonical-json.ts";
import { type Archive, ArchiveObjectExists } from "./archive.ts";
import { amzDateOf, type S3Credentials, signRequest, uriEncode } from "./sigv4.ts";

// An S3-compatible bucket with Object Lock as the archive (AWS S3, MinIO, Ceph and the
// like; path-style addresses, which all of them accept). Every object is written once
// (If-None-Match: *) in compliance mode with its retain-until date: no credential, root
// included, can delete or overwrite it before then (decision 156).

export interface S3ArchiveOptions {
  location: string;
  endpoint: string;
  bucket: string;
  /** Prepended to every key, e.g. "kpi-exporter/". */
  prefix: string;
  region: string;
  credentials: S3Credentials;
  /** Per request; S3 answers in well under a second. */
  timeoutMs?: number;
}

const XML_ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&apos;": "'",
};
const unescapeXml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (e) =>
    e[1] === "#"
      ? String.fromCodePoint(
          e[2] === "x" || e[2] === "X"
            ? Number.parseInt(e.slice(3, -1), 16)
            : Number(e.slice(2, -1)),
        )
      : (XML_ENTITIES[e] ?? e),
  );
const tag = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, "g"))].map((m) =>
    unescapeXml(m[1] ?? ""),
  );

export function s3Archive(options: S3ArchiveOptions): Archive {
  const base = options.endpoint.replace(/\/+$/, "");
  const objectUrl = (key: string, query = "") =>
    new URL(
      `${base}/${options.bucket}/${`${options.prefix}${key}`.split("/").map(uriEncode).join("/")}${query}`,
    );

  async function send(
    method: string,
    url: URL,
    body?: Buffer,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const signed = signRequest(
      { method, url, headers, payloadSha256: sha256Hex(body ?? "") },
      options.credentials,
      options.region,
      amzDateOf(Date.now()),
    );
    return fetch(url, {
      method,
      headers: signed,
      ...(body ? { body: new Uint8Array(body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
  }

  async function failure(what: string, response: Response): Promise<Error> {
    const xml = await response.text();
    const code = tag(xml, "Code")[0] ?? `HTTP ${response.status}`;
    const message = tag(xml, "Message")[0] ?? xml.slice(0, 120);
    return new Error(`${options.location}: ${what} refused: ${code}: ${message}`);
  }

  const md5 = (body: Buffer) => createHash("md5").update(body).digest("base64");

  return {
    location: options.location,
    async put(key, body, lock) {
      const response = await send("PUT", objectUrl(key), body, {
        "content-md5": md5(body),
        "content-type": "application/octet-stream",
        "if-none-match": "*",
        "x-amz-object-lock-mode": "COMPLIANCE",
        "x-amz-object-lock-retain-until-date": new Date(lock.retainUntilMs).toISOString(),
        "x-amz-object-lock-legal-hold": lock.legalHold ? "ON" : "OFF",
      });
      if (response.status === 412) {
        await response.body?.cancel();
        throw new ArchiveObjectExists(key, options.location);
      }
      if (!response.ok) throw await failure(`PUT ${key}`, response);
      await response.body?.cancel();
    },

    async get(key) {
      const response = await send("GET", objectUrl(key));
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await failure(`GET ${key}`, response);
      return Buffer.from(await response.arrayBuffer());
    },

    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const query: [string, string][] = [
          ["list-type", "2"],
          ["prefix", `${options.prefix}${prefix}`],
          ...(token ? [["continuation-token", token] as [string, string]] : []),
        ];
        // Encoded as the signature encodes it: URLSearchParams would send a space as "+".
        const url = new URL(
          `${base}/${options.bucket}?${query.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).join("&")}`,
        );
        const response = await send("GET", url);
        if (!response.ok) throw await failure(`list ${prefix}`, response);
        const xml = await response.text();
        keys.push(...tag(xml, "Key").map((key) => key.slice(options.prefix.length)));
        token =
          tag(xml, "IsTruncated")[0] === "true" ? tag(xml, "NextContinuationToken")[0] : undefined;
      } while (token);
      return keys.sort();
    },

    async hold(key) {
      const body = Buffer.from(
        '<LegalHold xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>ON</Status></LegalHold>',
      );
      const response = await send("PUT", objectUrl(key, "?legal-hold"), body, {
        "content-md5": md5(body),
        "content-type": "application/xml",
      });
      if (!response.ok) throw await failure(`legal hold on ${key}`, response);
      await response.body?.cancel();
      return true;
    },
  };
}
