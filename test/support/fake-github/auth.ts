// Credentials: the static token, GitHub App JWTs (RS256, checked against the app's public
// key) and the installation tokens exchanged for them.
import { randomBytes, verify } from "node:crypto";
import { HttpError } from "./util.ts";

export interface AppOptions {
  appId: number;
  installationId: number;
  publicKeyPem: string;
}

const INSTALLATION_TOKEN_SECONDS = 3600;
/** GitHub refuses app JWTs that live longer than ten minutes; allow for clock drift. */
const MAX_JWT_SECONDS = 600 + 60;

export class Credentials {
  private readonly token: string;
  readonly app: AppOptions | undefined;
  private readonly installationTokens = new Map<string, number>();

  constructor(token: string, app: AppOptions | undefined) {
    this.token = token;
    this.app = app;
  }

  /** The bearer credential of an `Authorization: token X` / `Bearer X` header. */
  static credential(header: string | undefined): string | undefined {
    const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? "");
    return match?.[1];
  }

  /** Tokens valid for the REST and GraphQL API (not for /app endpoints). */
  acceptsToken(credential: string | undefined): boolean {
    if (credential === undefined) return false;
    if (credential === this.token) return true;
    const expires = this.installationTokens.get(credential);
    return expires !== undefined && expires > Date.now();
  }

  /** Verifies an app JWT; throws 401 as GitHub does for anything it cannot trust. */
  verifyAppJwt(credential: string | undefined): AppOptions {
    const app = this.app;
    const fail = (why: string) => new HttpError(401, why);
    if (app === undefined) throw new HttpError(404, "Not Found");
    const parts = credential?.split(".") ?? [];
    const [header, payload, signature] = parts;
    if (parts.length !== 3 || header === undefined || payload === undefined || !signature) {
      throw fail("A JSON web token could not be decoded");
    }
    let claims: { iss?: unknown; exp?: unknown; iat?: unknown };
    let alg: unknown;
    try {
      alg = JSON.parse(Buffer.from(header, "base64url").toString()).alg;
      claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    } catch {
      throw fail("A JSON web token could not be decoded");
    }
    let signed = false;
    try {
      const data = Buffer.from(`${header}.${payload}`);
      signed = verify("RSA-SHA256", data, app.publicKeyPem, Buffer.from(signature, "base64url"));
    } catch {
      signed = false;
    }
    if (alg !== "RS256" || !signed) {
      throw fail("A JSON web token could not be decoded");
    }
    if (String(claims.iss) !== String(app.appId)) {
      throw fail("'Issuer' claim ('iss') must be an Integer");
    }
    const now = Date.now() / 1000;
    const exp = Number(claims.exp);
    if (!Number.isFinite(exp) || exp <= now) {
      throw fail(
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
      );
    }
    if (exp - now > MAX_JWT_SECONDS || Number(claims.iat) > now + 60) {
      throw fail("'Expiration time' claim ('exp') is too far in the future");
    }
    return app;
  }

  issueInstallationToken(): { token: string; expires_at: string } {
    const token = `ghs_${randomBytes(18).toString("base64url")}`;
    const expires = Date.now() + INSTALLATION_TOKEN_SECONDS * 1000;
    this.installationTokens.set(token, expires);
    return { token, expires_at: new Date(expires).toISOString().replace(/\.\d{3}Z$/, "Z") };
  }
}
