// Self-test of the S3 fake over real HTTP. Requests are signed by the minimal SigV4 signer
// below, written independently of the fake's verifier; the verifier itself is also checked
// against the examples AWS publishes for S3 ("Signature Calculations for the Authorization
// Header: Transferring Payload in a Single Chunk").
import { createHash, createHmac } from "node:crypto";
import { crc32 } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeS3, startFakeS3 } from "./index.ts";
import { computeSignature } from "./sigv4-canonical.ts";
import { parseAuthorization, verifySigV4 } from "./sigv4-check.ts";
import { S3Error } from "./xml.ts";

const AKID = "AKIDFAKES3SELFTEST";
const SECRET = "fake/Secret+Key/for-tests";
const BUCKET = "archive";
const HOUR = 3_600_000;

// ---- A minimal SigV4 signer (header form, region us-east-1, service s3) ----
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const md5 = (data: string | Buffer) => createHash("md5").update(data).digest("base64");
const hmac = (key: string | Buffer, data: string) =>
  createHmac("sha256", key).update(data).digest();
const enc = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

interface SignOptions {
  accessKeyId?: string;
  secret?: string;
  /** Signed header names to leave out of SignedHeaders (they are still sent, except host). */
  unsigned?: string[];
}

function sign(
  method: string,
  url: URL,
  extra: Record<string, string>,
  payloadHash: string,
  options: SignOptions = {},
) {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    host: url.host,
    "x-amz-date": amzDate,
    "x-amz-content-sha256": payloadHash,
  };
  for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
  const names = Object.keys(headers)
    .sort()
    .filter((name) => !options.unsigned?.includes(name));
  const path = url.pathname
    .split("/")
    .map((segment) => enc(decodeURIComponent(segment)))
    .join("/");
  const query = [...url.searchParams]
    .map(([name, value]) => [enc(name), enc(value)])
    .sort(([a = "", x = ""], [b = "", y = ""]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  const canonical = [
    method,
    path,
    query,
    names.map((n) => `${n}:${headers[n]?.trim()}\n`).join(""),
    names.join(";"),
    payloadHash,
  ].join("\n");
  const scope = `${day}/us-east-1/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
  let key = hmac(`AWS4${options.secret ?? SECRET}`, day);
  for (const part of ["us-east-1", "s3", "aws4_request"]) key = hmac(key, part);
  const signature = hmac(key, toSign).toString("hex");
  const { host: _host, ...sent } = headers; // fetch sends Host itself
  const credential = `Credential=${options.accessKeyId ?? AKID}/${scope}`;
  const signed = `SignedHeaders=${names.join(";")}`;
  sent.authorization = `AWS4-HMAC-SHA256 ${credential}, ${signed}, Signature=${signature}`;
  return sent;
}

// ---- Helpers ----
let fake: FakeS3;
let clock = Date.now();

interface Call extends SignOptions {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Overrides the x-amz-content-sha256 value that is signed and sent. */
  payloadHash?: string;
  /** Sent instead of `body` after signing, to tamper with the payload. */
  sendBody?: string;
}

function s3(path: string, call: Call = {}): Promise<Response> {
  const method = call.method ?? (call.body === undefined ? "GET" : "PUT");
  const url = new URL(fake.url + path);
  const hash = call.payloadHash ?? sha256(call.body ?? "");
  const headers = sign(method, url, call.headers ?? {}, hash, call);
  return fetch(url, { method, headers, body: call.sendBody ?? call.body });
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

function texts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, "g"))].map((m) =>
    unescapeXml(m[1] ?? ""),
  );
}

/** The S3 error code of a response, after checking it is an XML error document. */
async function errorCode(response: Response): Promise<string | undefined> {
  expect(response.headers.get("content-type")).toBe("application/xml");
  const xml = await response.text();
  expect(xml).toMatch(/<Error><Code>[^<]+<\/Code><Message>[^<]+<\/Message>/);
  expect(xml).toMatch(/<Resource>[^<]+<\/Resource><RequestId>[0-9A-F]+<\/RequestId><\/Error>$/);
  return texts(xml, "Code")[0];
}

function lockHeaders(mode: string, until: number, extra: Record<string, string> = {}) {
  return {
    "x-amz-object-lock-mode": mode,
    "x-amz-object-lock-retain-until-date": new Date(until).toISOString(),
    ...extra,
  };
}

const legalHoldBody = (status: string) =>
  `<LegalHold xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
  `<Status>${status}</Status></LegalHold>`;
const retentionBody = (mode: string, until: number) =>
  `<Retention><Mode>${mode}</Mode>` +
  `<RetainUntilDate>${new Date(until).toISOString()}</RetainUntilDate></Retention>`;

function thrownCode(action: () => void): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof S3Error ? error.code : `not an S3Error: ${String(error)}`;
  }
  return undefined;
}

// ---- The verifier against AWS's published examples ----
describe("SigV4 verifier against AWS's published S3 examples", () => {
  const credentials = {
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    region: "us-east-1",
  };
  const scope =
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
  const emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const getObject = {
    method: "GET",
    rawPath: "/test.txt",
    rawQuery: "",
    headers: {
      host: "examplebucket.s3.amazonaws.com",
      range: "bytes=0-9",
      "x-amz-content-sha256": emptyHash,
      "x-amz-date": "20130524T000000Z",
      authorization:
        `${scope},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,` +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    },
  };

  it("accepts the GET Object example (Range header) and reproduces its intermediate values", () => {
    expect(thrownCode(() => verifySigV4(getObject, credentials))).toBeUndefined();
    const auth = parseAuthorization(getObject.headers.authorization);
    const parts = computeSignature(getObject, auth, credentials.secretAccessKey);
    expect(sha256(parts.canonicalRequest)).toBe(
      "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
    );
    expect(parts.stringToSign.split("\n").slice(0, 3)).toEqual([
      "AWS4-HMAC-SHA256",
      "20130524T000000Z",
      "20130524/us-east-1/s3/aws4_request",
    ]);
  });

  it("refuses the GET Object example once anything signed changes", () => {
    const headers = getObject.headers;
    const changed = (patch: Partial<typeof headers>, extra: Partial<typeof getObject> = {}) =>
      thrownCode(() =>
        verifySigV4({ ...getObject, ...extra, headers: { ...headers, ...patch } }, credentials),
      );
    expect(changed({ range: "bytes=0-10" })).toBe("SignatureDoesNotMatch");
    expect(changed({}, { rawPath: "/test.txt2" })).toBe("SignatureDoesNotMatch");
    expect(changed({ authorization: headers.authorization.replace("bdb41", "bdb42") })).toBe(
      "SignatureDoesNotMatch",
    );
    const otherSecret = { ...credentials, secretAccessKey: "not-the-secret" };
    expect(thrownCode(() => verifySigV4(getObject, otherSecret))).toBe("SignatureDoesNotMatch");
    const otherKey = { ...credentials, accessKeyId: "AKIAOTHER" };
    expect(thrownCode(() => verifySigV4(getObject, otherKey))).toBe("InvalidAccessKeyId");
  });

  it("accepts the PUT Object example ('$' in the key) and the GET Bucket example (query)", () => {
    const body = "Welcome to Amazon S3.";
    const putHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
    expect(sha256(body)).toBe(putHash);
    const putObject = {
      method: "PUT",
      rawPath: "/test$file.text",
      rawQuery: "",
      headers: {
        host: "examplebucket.s3.amazonaws.com",
        date: "Fri, 24 May 2013 00:00:00 GMT",
        "x-amz-date": "20130524T000000Z",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
        "x-amz-content-sha256": putHash,
        authorization:
          `${scope},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,` +
          "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
      },
    };
    expect(thrownCode(() => verifySigV4(putObject, credentials))).toBeUndefined();
    const listObjects = {
      method: "GET",
      rawPath: "/",
      rawQuery: "prefix=J&max-keys=2",
      headers: {
        host: "examplebucket.s3.amazonaws.com",
        "x-amz-date": "20130524T000000Z",
        "x-amz-content-sha256": emptyHash,
        authorization:
          `${scope},SignedHeaders=host;x-amz-content-sha256;x-amz-date,` +
          "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
      },
    };
    expect(thrownCode(() => verifySigV4(listObjects, credentials))).toBeUndefined();
    const unsignedHeader = { ...putObject.headers, "x-amz-acl": "public-read" };
    expect(
      thrownCode(() => verifySigV4({ ...putObject, headers: unsignedHeader }, credentials)),
    ).toBe("AccessDenied");
  });
});

// ---- The fake over HTTP ----
describe("fake S3 over HTTP", () => {
  beforeEach(async () => {
    clock = Date.now();
    fake = await startFakeS3({
      bucket: BUCKET,
      accessKeyId: AKID,
      secretAccessKey: SECRET,
      now: () => clock,
    });
  });
  afterEach(async () => {
    await fake.close();
  });

  it("accepts signed requests and refuses bad credentials or a tampered body", async () => {
    const put = await s3("/archive/a.txt", { body: "hello" });
    expect(put.status).toBe(200);
    expect(put.headers.get("etag")).toBe('"5d41402abc4b2a76b9719d911017c592"');
    const unsignedPayload = await s3("/archive/u.txt", {
      body: "u",
      payloadHash: "UNSIGNED-PAYLOAD",
    });
    expect(unsignedPayload.status).toBe(200);

    const wrongSecret = await s3("/archive/a.txt", { body: "evil", secret: "wrong" });
    expect([wrongSecret.status, await errorCode(wrongSecret)]).toEqual([
      403,
      "SignatureDoesNotMatch",
    ]);
    const unknownKey = await s3("/archive/a.txt", { body: "evil", accessKeyId: "AKIDUNKNOWN" });
    expect([unknownKey.status, await errorCode(unknownKey)]).toEqual([403, "InvalidAccessKeyId"]);
    const tampered = await s3("/archive/a.txt", { body: "hello", sendBody: "HELLO" });
    expect([tampered.status, await errorCode(tampered)]).toEqual([
      400,
      "XAmzContentSHA256Mismatch",
    ]);
    const hostUnsigned = await s3("/archive/a.txt", { body: "evil", unsigned: ["host"] });
    expect([hostUnsigned.status, await errorCode(hostUnsigned)]).toEqual([
      403,
      "SignatureDoesNotMatch",
    ]);
    const anonymous = await fetch(`${fake.url}/archive/a.txt`);
    expect([anonymous.status, await errorCode(anonymous)]).toEqual([403, "AccessDenied"]);

    expect(fake.objects().map((o) => [o.key, o.body.toString(), o.versions])).toEqual([
      ["a.txt", "hello", 1],
      ["u.txt", "u", 1],
    ]);
    const get = await s3("/archive/a.txt");
    expect([get.status, await get.text()]).toEqual([200, "hello"]);
  });

  it("round-trips PUT/GET/HEAD with Object Lock headers on an awkward key", async () => {
    const key = "2024/01/report $1 é+ü.json";
    const path = `/archive/${key.split("/").map(encodeURIComponent).join("/")}`;
    const body = '{"ok":true}';
    const until = clock + 24 * HOUR;
    const headers = lockHeaders("COMPLIANCE", until, {
      "x-amz-object-lock-legal-hold": "ON",
      "content-md5": md5(body),
      "content-type": "application/json",
    });
    const put = await s3(path, { body, headers });
    expect(put.status).toBe(200);
    expect(put.headers.get("x-amz-version-id")).toMatch(/\S+/);

    const get = await s3(path);
    expect(await get.text()).toBe(body);
    expect(get.headers.get("content-type")).toBe("application/json");
    const head = await s3(path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(body.length));
    expect(head.headers.get("x-amz-object-lock-mode")).toBe("COMPLIANCE");
    expect(head.headers.get("x-amz-object-lock-retain-until-date")).toBe(
      new Date(until).toISOString(),
    );
    expect(head.headers.get("x-amz-object-lock-legal-hold")).toBe("ON");
    expect(await head.text()).toBe("");

    const retention = await (await s3(`${path}?retention`)).text();
    expect(texts(retention, "Mode")).toEqual(["COMPLIANCE"]);
    expect(texts(retention, "RetainUntilDate")).toEqual([new Date(until).toISOString()]);
    expect(texts(await (await s3(`${path}?legal-hold`)).text(), "Status")).toEqual(["ON"]);
    expect(fake.objects()).toEqual([
      {
        key,
        body: Buffer.from(body),
        mode: "COMPLIANCE",
        retainUntil: new Date(until).toISOString(),
        legalHold: true,
        versions: 1,
      },
    ]);
    expect(fake.requests[0]).toEqual({
      method: "PUT",
      path: `/archive/${key}`,
      query: "",
      status: 200,
    });
    const missing = await s3("/archive/nope");
    expect([missing.status, await errorCode(missing)]).toEqual([404, "NoSuchKey"]);
    const otherBucket = await s3("/elsewhere/a.txt");
    expect([otherBucket.status, await errorCode(otherBucket)]).toEqual([404, "NoSuchBucket"]);
  });

  it("refuses If-None-Match: * on an existing key, and versions plain overwrites", async () => {
    const first = await s3("/archive/once", { body: "v1", headers: { "if-none-match": "*" } });
    expect(first.status).toBe(200);
    const again = await s3("/archive/once", { body: "v2", headers: { "if-none-match": "*" } });
    expect([again.status, await errorCode(again)]).toEqual([412, "PreconditionFailed"]);
    expect(fake.objects().map((o) => [o.body.toString(), o.versions])).toEqual([["v1", 1]]);
    const overwrite = await s3("/archive/once", { body: "v2" });
    expect(overwrite.status).toBe(200);
    expect(fake.objects().map((o) => [o.body.toString(), o.versions])).toEqual([["v2", 2]]);
  });

  it("needs a valid Content-MD5 or checksum with lock headers, and mode with date", async () => {
    const body = "archive me";
    const lock = lockHeaders("COMPLIANCE", clock + HOUR);
    const bare = await s3("/archive/k", { body, headers: lock });
    expect(bare.status).toBe(400);
    const bareXml = await bare.clone().text();
    expect(await errorCode(bare)).toBe("InvalidRequest");
    expect(bareXml).toContain("Content-MD5 OR x-amz-checksum- HTTP header is required");
    const wrongMd5 = await s3("/archive/k", {
      body,
      headers: { ...lock, "content-md5": md5("other") },
    });
    expect([wrongMd5.status, await errorCode(wrongMd5)]).toEqual([400, "BadDigest"]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.from("other")));
    const wrongCrc = await s3("/archive/k", {
      body,
      headers: { ...lock, "x-amz-checksum-crc32": crc.toString("base64") },
    });
    expect([wrongCrc.status, await errorCode(wrongCrc)]).toEqual([400, "BadDigest"]);
    const modeOnly = await s3("/archive/k", {
      body,
      headers: { "x-amz-object-lock-mode": "COMPLIANCE", "content-md5": md5(body) },
    });
    expect([modeOnly.status, await errorCode(modeOnly)]).toEqual([400, "InvalidRequest"]);
    const past = lockHeaders("COMPLIANCE", clock - 1000, { "content-md5": md5(body) });
    const inPast = await s3("/archive/k", { body, headers: past });
    expect([inPast.status, await errorCode(inPast)]).toEqual([400, "InvalidArgument"]);
    expect(fake.objects()).toEqual([]);

    crc.writeUInt32BE(crc32(Buffer.from(body)));
    const good = await s3("/archive/k", {
      body,
      headers: { ...lock, "x-amz-checksum-crc32": crc.toString("base64") },
    });
    expect(good.status).toBe(200);
    expect(fake.objects().map((o) => o.mode)).toEqual(["COMPLIANCE"]);
  });

  it("lists in UTF-8 binary order and pages with max-keys and continuation tokens", async () => {
    // JavaScript's UTF-16 sort puts 😀 (U+1F600) before ﬁ (U+FB01); UTF-8 bytes do not.
    const keys = ["logs/😀", "logs/b", "logs/ﬁ", "other", "logs/a", "logs/é"];
    for (const key of keys)
      expect((await s3(`/archive/${encodeURIComponent(key)}`, { body: key })).status).toBe(200);
    const pages: string[][] = [];
    const counts: string[] = [];
    let token: string | undefined;
    do {
      const next = token === undefined ? "" : `&continuation-token=${encodeURIComponent(token)}`;
      const query = `list-type=2&prefix=${encodeURIComponent("logs/")}&max-keys=2${next}`;
      const response = await s3(`/archive?${query}`);
      expect(response.status).toBe(200);
      const xml = await response.text();
      expect(xml).toContain("<ListBucketResult");
      pages.push(texts(xml, "Key"));
      counts.push(`${texts(xml, "KeyCount")[0]}/${texts(xml, "IsTruncated")[0]}`);
      token = texts(xml, "NextContinuationToken")[0];
      expect(pages.length).toBeLessThan(5);
    } while (token !== undefined);
    expect(pages).toEqual([["logs/a", "logs/b"], ["logs/é", "logs/ﬁ"], ["logs/😀"]]);
    expect(counts).toEqual(["2/true", "2/true", "1/false"]);

    const all = await (await s3("/archive?list-type=2")).text();
    expect(texts(all, "Key")).toEqual(["logs/a", "logs/b", "logs/é", "logs/ﬁ", "logs/😀", "other"]);
    expect(texts(all, "Size")[0]).toBe(String(Buffer.byteLength("logs/a")));
    expect(texts(all, "IsTruncated")).toEqual(["false"]);
  });

  it("blocks DELETE under legal hold; allows it once hold is off and retention over", async () => {
    const body = "evidence";
    const headers = lockHeaders("COMPLIANCE", clock + HOUR, {
      "x-amz-object-lock-legal-hold": "ON",
      "content-md5": md5(body),
    });
    expect((await s3("/archive/e", { body, headers })).status).toBe(200);
    const held = await s3("/archive/e", { method: "DELETE" });
    expect([held.status, await errorCode(held)]).toEqual([403, "AccessDenied"]);
    // A legal hold without any retention blocks on its own, whatever the clock says.
    const holdOnly = { "x-amz-object-lock-legal-hold": "ON", "content-md5": md5("h") };
    expect((await s3("/archive/h", { body: "h", headers: holdOnly })).status).toBe(200);

    const noMd5 = await s3("/archive/e?legal-hold", { body: legalHoldBody("OFF") });
    expect([noMd5.status, await errorCode(noMd5)]).toEqual([400, "InvalidRequest"]);
    expect(fake.objects()[0]?.legalHold).toBe(true);
    const off = await s3("/archive/e?legal-hold", {
      body: legalHoldBody("OFF"),
      headers: { "content-md5": md5(legalHoldBody("OFF")) },
    });
    expect(off.status).toBe(200);
    expect(texts(await (await s3("/archive/e?legal-hold")).text(), "Status")).toEqual(["OFF"]);
    const retained = await s3("/archive/e", { method: "DELETE" });
    expect([retained.status, await errorCode(retained)]).toEqual([403, "AccessDenied"]);
    expect(fake.objects().map((o) => o.key)).toEqual(["e", "h"]);

    clock += 2 * HOUR;
    const deleted = await s3("/archive/e", { method: "DELETE" });
    expect(deleted.status).toBe(204);
    const stillHeld = await s3("/archive/h", { method: "DELETE" });
    expect([stillHeld.status, await errorCode(stillHeld)]).toEqual([403, "AccessDenied"]);
    expect(fake.objects().map((o) => [o.key, o.legalHold, o.mode])).toEqual([
      ["h", true, undefined],
    ]);
    expect((await s3("/archive/e")).status).toBe(404);
  });

  it("keeps the lock of an overwritten version: DELETE stays refused", async () => {
    const body = "v1";
    const headers = lockHeaders("COMPLIANCE", clock + HOUR, { "content-md5": md5(body) });
    expect((await s3("/archive/k", { body, headers })).status).toBe(200);
    expect((await s3("/archive/k", { body: "v2" })).status).toBe(200);
    expect(fake.objects()).toEqual([
      { key: "k", body: Buffer.from("v2"), legalHold: false, versions: 2 },
    ]);
    expect((await s3("/archive/k", { method: "DELETE" })).status).toBe(403);
    clock += 2 * HOUR;
    expect((await s3("/archive/k", { method: "DELETE" })).status).toBe(204);
  });

  it("lets COMPLIANCE retention be extended but not shortened or downgraded", async () => {
    const body = "record";
    const headers = lockHeaders("COMPLIANCE", clock + HOUR, { "content-md5": md5(body) });
    expect((await s3("/archive/r", { body, headers })).status).toBe(200);
    const putRetention = (mode: string, until: number) => {
      const xml = retentionBody(mode, until);
      return s3("/archive/r?retention", { body: xml, headers: { "content-md5": md5(xml) } });
    };
    expect((await putRetention("COMPLIANCE", clock + 2 * HOUR)).status).toBe(200);
    const shorter = await putRetention("COMPLIANCE", clock + 90 * 60_000);
    expect([shorter.status, await errorCode(shorter)]).toEqual([403, "AccessDenied"]);
    const downgrade = await putRetention("GOVERNANCE", clock + 3 * HOUR);
    expect([downgrade.status, await errorCode(downgrade)]).toEqual([403, "AccessDenied"]);
    const current = await (await s3("/archive/r?retention")).text();
    expect(texts(current, "RetainUntilDate")).toEqual([new Date(clock + 2 * HOUR).toISOString()]);
    expect(fake.objects()[0]?.retainUntil).toBe(new Date(clock + 2 * HOUR).toISOString());

    expect((await s3("/archive/plain", { body: "x" })).status).toBe(200);
    const none = await s3("/archive/plain?retention");
    expect([none.status, await errorCode(none)]).toEqual([404, "NoSuchObjectLockConfiguration"]);
  });

  it("fails the next n requests with the status given to failNext", async () => {
    fake.failNext(2, 503);
    const first = await s3("/archive/f", { body: "1" });
    expect([first.status, await errorCode(first)]).toEqual([503, "SlowDown"]);
    const second = await s3("/archive/f");
    expect([second.status, await errorCode(second)]).toEqual([503, "SlowDown"]);
    expect(fake.objects()).toEqual([]);
    expect((await s3("/archive/f", { body: "1" })).status).toBe(200);
    fake.failNext(1, 500);
    const third = await s3("/archive/f");
    expect([third.status, await errorCode(third)]).toEqual([500, "InternalError"]);
    expect((await s3("/archive/f")).status).toBe(200);
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      "PUT 503",
      "GET 503",
      "PUT 200",
      "GET 500",
      "GET 200",
    ]);
  });

  it("answers 501 NotImplemented for operations it does not model", async () => {
    const multipart = await s3("/archive/big?uploads", { method: "POST" });
    expect([multipart.status, await errorCode(multipart)]).toEqual([501, "NotImplemented"]);
    const versioned = await s3("/archive/big?versionId=abc");
    expect([versioned.status, await errorCode(versioned)]).toEqual([501, "NotImplemented"]);
    expect(fake.requests.at(-1)).toEqual({
      method: "GET",
      path: "/archive/big",
      query: "versionId=abc",
      status: 501,
    });
  });
});
