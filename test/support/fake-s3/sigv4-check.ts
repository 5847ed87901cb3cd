// Verifies AWS Signature Version 4 (Authorization header form) the way S3 does: the canonical
// request is rebuilt from what arrived on the wire and signed with the configured secret.
import { timingSafeEqual } from "node:crypto";
import {
  type Credentials,
  computeSignature,
  header,
  type ParsedAuthorization,
  type SignedRequest,
} from "./sigv4-canonical.ts";
import { S3Error } from "./xml.ts";

const ALGORITHM = "AWS4-HMAC-SHA256";

function malformed(message: string, extra: Record<string, string> = {}): S3Error {
  return new S3Error(400, "AuthorizationHeaderMalformed", message, extra);
}

export function parseAuthorization(value: string | undefined): ParsedAuthorization {
  if (value === undefined) throw new S3Error(403, "AccessDenied", "Access Denied");
  if (!value.startsWith(`${ALGORITHM} `)) {
    throw new S3Error(400, "InvalidArgument", "Unsupported Authorization Type");
  }
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential")?.split("/") ?? [];
  const [accessKeyId, date, region, service, terminator] = credential;
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (credential.length !== 5 || terminator !== "aws4_request" || !signedHeaders || !signature) {
    throw malformed(
      "The authorization header is malformed; incomplete Credential, SignedHeaders or Signature",
    );
  }
  if (!accessKeyId || !date || !region || !service) throw malformed("Malformed Credential");
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(";"), signature };
}

/** Throws the S3Error real S3 would answer; returns normally when the signature holds. */
export function verifySigV4(request: SignedRequest, credentials: Credentials): void {
  const auth = parseAuthorization(header(request.headers, "authorization"));
  if (auth.accessKeyId !== credentials.accessKeyId) {
    const message = "The AWS Access Key Id you provided does not exist in our records.";
    throw new S3Error(403, "InvalidAccessKeyId", message, { AWSAccessKeyId: auth.accessKeyId });
  }
  const amzDate = header(request.headers, "x-amz-date");
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    const message = "AWS authentication requires a valid Date or x-amz-date header";
    throw new S3Error(403, "AccessDenied", message);
  }
  if (auth.date !== amzDate.slice(0, 8)) {
    throw malformed("Invalid credential date. Date is not the same as X-Amz-Date.");
  }
  if (auth.region !== credentials.region) {
    const message =
      "The authorization header is malformed; " +
      `the region '${auth.region}' is wrong; expecting '${credentials.region}'`;
    throw malformed(message, { Region: credentials.region });
  }
  if (auth.service !== "s3") throw malformed(`Wrong service '${auth.service}'; expecting 's3'`);
  if (header(request.headers, "x-amz-content-sha256") === undefined) {
    const message = "Missing required header for this request: x-amz-content-sha256";
    throw new S3Error(400, "InvalidRequest", message);
  }
  const unsigned = Object.keys(request.headers).filter(
    (name) => name.startsWith("x-amz-") && !auth.signedHeaders.includes(name),
  );
  if (unsigned.length > 0) {
    const message = "There were headers present in the request which were not signed";
    throw new S3Error(403, "AccessDenied", message, { HeadersNotSigned: unsigned.join(", ") });
  }
  const parts = computeSignature(request, auth, credentials.secretAccessKey);
  const provided = Buffer.from(auth.signature);
  const expected = Buffer.from(parts.signature);
  const matches = provided.length === expected.length && timingSafeEqual(provided, expected);
  if (!auth.signedHeaders.includes("host") || !matches) {
    const message =
      "The request signature we calculated does not match the signature you provided. " +
      "Check your key and signing method.";
    throw new S3Error(403, "SignatureDoesNotMatch", message, {
      AWSAccessKeyId: auth.accessKeyId,
      StringToSign: parts.stringToSign,
      SignatureProvided: auth.signature,
      CanonicalRequest: parts.canonicalRequest,
    });
  }
}
