import { createHmac, timingSafeEqual } from "node:crypto";

// GitHub signs every delivery with HMAC-SHA256 of the raw body under the webhook secret
// and sends it as `X-Hub-Signature-256: sha256=<hex>`. The comparison must not leak how
// many leading bytes matched, hence timingSafeEqual over equal-length digests.

const PREFIX = "sha256=";
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

export function signBody(secret: string, body: Buffer | string): string {
  return PREFIX + createHmac("sha256", secret).update(body).digest("hex");
}

/**
 * True when `header` is the signature of `body` under any of `secrets`. Every secret is
 * tried even after a match, so the time taken does not tell which one (current or
 * previous, during a rotation) signed the delivery.
 */
export function signatureMatches(
  body: Buffer,
  header: string | undefined,
  secrets: readonly string[],
): boolean {
  if (header === undefined || !header.startsWith(PREFIX)) return false;
  const hex = header.slice(PREFIX.length);
  if (!HEX_DIGEST.test(hex)) return false;
  const received = Buffer.from(hex, "hex");
  let matched = false;
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(body).digest();
    if (timingSafeEqual(expected, received)) matched = true;
  }
  return matched;
}
