import { expect, test } from "vitest";
import { signRequest, uriEncode } from "../../src/archive/sigv4.ts";

// The exporter's Signature Version 4 against AWS's published S3 example (GET /test.txt of
// examplebucket with a Range header, 2013-05-24): the same signature, byte for byte.

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

test("signs AWS's GET Object example to its published signature", () => {
  const headers = signRequest(
    {
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { range: "bytes=0-9" },
      payloadSha256: EMPTY_SHA256,
    },
    {
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    },
    "us-east-1",
    "20130524T000000Z",
  );
  expect(headers.authorization).toBe(
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
  );
});

test("encodes as RFC 3986 wants: only unreserved characters stay", () => {
  expect(uriEncode("a b*c(d)!e'~._-")).toBe("a%20b%2Ac%28d%29%21e%27~._-");
});
