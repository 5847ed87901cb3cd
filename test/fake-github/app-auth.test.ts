import { createSign, generateKeyPairSync } from "node:crypto";
import { RequestError } from "@octokit/request-error";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github/index.ts";
import { client, smallOrg } from "./small-org.ts";

const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
const APP = { appId: 4242, installationId: 77 };

function jwt(claims: Record<string, unknown>, key = privateKey): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "RS256", typ: "JWT" })}.${encode(claims)}`;
  return `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(key).toString("base64url")}`;
}
const now = () => Math.floor(Date.now() / 1000);
const validClaims = () => ({ iat: now() - 30, exp: now() + 540, iss: APP.appId });

let fake: FakeGitHub;
beforeAll(async () => {
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  fake = await startFakeGitHub({ org: smallOrg(), app: { ...APP, publicKeyPem } });
});
afterAll(() => fake.close());

const exchange = (token: string, installation = APP.installationId) =>
  client(fake, token).request("POST /app/installations/{installation_id}/access_tokens", {
    installation_id: installation,
  });

describe("GitHub App authentication", () => {
  it("exchanges a signed JWT for an installation token that then works", async () => {
    fake.resetLog();
    const { status, data } = await exchange(jwt(validClaims()));
    expect(status).toBe(201);
    expect(data.token).toMatch(/^ghs_/);
    expect(Date.parse(data.expires_at)).toBeGreaterThan(Date.now() + 50 * 60_000);
    const repo = await client(fake, data.token).request("GET /repos/{owner}/{repo}", {
      owner: "acme",
      repo: "web",
    });
    expect(repo.data.full_name).toBe("acme/web");
    expect(fake.requests.map((entry) => [entry.status, entry.quota])).toEqual([
      [201, 0],
      [200, 1],
    ]);
  });

  it("refuses JWTs signed by another key, for another app, or expired", async () => {
    const refused = [
      jwt(validClaims(), other.privateKey),
      jwt({ ...validClaims(), iss: 1 }),
      jwt({ ...validClaims(), exp: now() - 5 }),
      jwt({ ...validClaims(), exp: now() + 3600 }),
      "not-a-jwt",
    ];
    for (const token of refused) {
      const error = await exchange(token).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RequestError);
      expect((error as RequestError).status).toBe(401);
    }
  });

  it("answers 404 for another installation and 401 when the JWT is used as an API token", async () => {
    const token = jwt(validClaims());
    expect(((await exchange(token, 1).catch((e: RequestError) => e)) as RequestError).status).toBe(
      404,
    );
    const misuse = await client(fake, token)
      .request("GET /repos/acme/web")
      .catch((e: RequestError) => e);
    expect((misuse as RequestError).status).toBe(401);
  });
});
