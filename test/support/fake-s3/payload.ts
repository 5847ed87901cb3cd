// Body integrity as S3 checks it: x-amz-content-sha256 against the received bytes, and
// Content-MD5 / x-amz-checksum-* which Object Lock requests must carry.
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { type HeaderBag, header, sha256Hex } from "./sigv4-canonical.ts";
import { notImplemented, S3Error } from "./xml.ts";

export function checkPayloadHash(headers: HeaderBag, body: Buffer): void {
  const claimed = (header(headers, "x-amz-content-sha256") ?? "").toLowerCase();
  if (claimed === "unsigned-payload") return;
  if (claimed.startsWith("streaming-")) throw notImplemented("aws-chunked streaming payloads");
  if (!/^[0-9a-f]{64}$/.test(claimed)) {
    const message =
      "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-..., or a valid sha256 value.";
    throw new S3Error(400, "InvalidArgument", message);
  }
  const computed = sha256Hex(body);
  if (computed !== claimed) {
    const message = "The provided 'x-amz-content-sha256' header does not match what was computed.";
    throw new S3Error(400, "XAmzContentSHA256Mismatch", message, {
      ClientComputedContentSHA256: claimed,
      S3ComputedContentSHA256: computed,
    });
  }
}

function crc32Base64(body: Buffer): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(body));
  return bytes.toString("base64");
}

/** Checksums this fake can recompute; CRC32C and CRC64NVME are accepted unverified. */
const CHECKSUMS: Record<string, (body: Buffer) => string> = {
  crc32: crc32Base64,
  sha1: (body) => createHash("sha1").update(body).digest("base64"),
  sha256: (body) => createHash("sha256").update(body).digest("base64"),
};

/** Checksum value headers (not the multipart-only x-amz-checksum-type/-algorithm). */
function checksumHeaders(headers: HeaderBag): string[] {
  return Object.keys(headers).filter(
    (name) =>
      name.startsWith("x-amz-checksum-") &&
      name !== "x-amz-checksum-type" &&
      name !== "x-amz-checksum-algorithm",
  );
}

/** Object Lock requests need Content-MD5 or a checksum, else 400 InvalidRequest. */
export function requireIntegrity(headers: HeaderBag, requests: string): void {
  const present =
    header(headers, "content-md5") !== undefined ||
    header(headers, "x-amz-sdk-checksum-algorithm") !== undefined ||
    checksumHeaders(headers).length > 0;
  if (!present) {
    const message = `Content-MD5 OR x-amz-checksum- HTTP header is required for ${requests}`;
    throw new S3Error(400, "InvalidRequest", message);
  }
}

/** Verifies whichever of Content-MD5 and x-amz-checksum-* the request carries. */
export function checkDigests(headers: HeaderBag, body: Buffer): void {
  const md5 = header(headers, "content-md5");
  if (md5 !== undefined) {
    const raw = Buffer.from(md5, "base64");
    if (raw.length !== 16 || raw.toString("base64") !== md5) {
      throw new S3Error(400, "InvalidDigest", "The Content-MD5 you specified was not valid.");
    }
    const computed = createHash("md5").update(body).digest("base64");
    if (computed !== md5) {
      const message = "The Content-MD5 you specified did not match what we received.";
      throw new S3Error(400, "BadDigest", message, {
        ExpectedDigest: md5,
        CalculatedDigest: computed,
      });
    }
  }
  for (const name of checksumHeaders(headers)) {
    const algorithm = name.slice("x-amz-checksum-".length);
    const compute = CHECKSUMS[algorithm];
    if (compute !== undefined && compute(body) !== header(headers, name)) {
      const name = algorithm.toUpperCase();
      const message = `The ${name} you specified did not match the calculated checksum.`;
      throw new S3Error(400, "BadDigest", message);
    }
  }
}
