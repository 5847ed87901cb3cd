// A minimal AWS Signature Version 4 signer (header form, service s3, empty payload), written
// for these tests from the AWS documentation, to send the archive's bucket the requests an
// operator (or an attacker holding the keys) could: here, a DELETE of a sealed segment.
import { createHash, createHmac } from "node:crypto";

const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) =>
  createHmac("sha256", key).update(data).digest();
const encode = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** Sends `method url` with an empty body, signed with `keys`. */
export function signedFetch(method: string, url: URL, keys: Keys): Promise<Response> {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256("");
  const headers: Record<string, string> = {
    host: url.host,
    "x-amz-content-sha256": payloadHash,
    "x-amz-date": amzDate,
  };
  const names = Object.keys(headers).sort();
  const path = url.pathname
    .split("/")
    .map((segment) => encode(decodeURIComponent(segment)))
    .join("/");
  const canonical = [
    method,
    path,
    "",
    names.map((n) => `${n}:${headers[n]}\n`).join(""),
    names.join(";"),
    payloadHash,
  ].join("\n");
  const scope = `${day}/${keys.region}/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
  let key = hmac(`AWS4${keys.secretAccessKey}`, day);
  for (const part of [keys.region, "s3", "aws4_request"]) key = hmac(key, part);
  const signature = hmac(key, toSign).toString("hex");
  const { host: _host, ...sent } = headers;
  sent.authorization =
    `AWS4-HMAC-SHA256 Credential=${keys.accessKeyId}/${scope}, ` +
    `SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return fetch(url, { method, headers: sent });
}
