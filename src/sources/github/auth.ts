import { readFileSync } from "node:fs";
import { createAppAuth } from "@octokit/auth-app";
import { type Env, readSecret } from "../../config/secrets.ts";

// GitHub credentials come from the environment only: a token (GITHUB_TOKEN), or a GitHub
// App installation (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY_FILE, GITHUB_APP_INSTALLATION_ID),
// which has its own, larger rate limit and no user behind it.

export type GitHubAuth =
  | { kind: "token"; token: string }
  | { kind: "app"; appId: number; privateKey: string; installationId: number };

function integer(name: string, env: Env): number {
  const text = readSecret(name, env);
  const value = Number(text);
  if (text === undefined || !Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${name}: expected a positive integer, got ${text ?? "nothing"}`);
  return value;
}

function privateKey(env: Env): string {
  const file = env.GITHUB_APP_PRIVATE_KEY_FILE;
  const direct = env.GITHUB_APP_PRIVATE_KEY;
  if (direct) return direct.replace(/\\n/g, "\n");
  if (!file) throw new Error("GITHUB_APP_ID is set: also set GITHUB_APP_PRIVATE_KEY_FILE");
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(
      `cannot read GITHUB_APP_PRIVATE_KEY_FILE (${file}): ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}

/** The configured credentials, or an error saying which variable to set. */
export function githubAuthFromEnv(env: Env = process.env): GitHubAuth {
  if (readSecret("GITHUB_APP_ID", env) !== undefined)
    return {
      kind: "app",
      appId: integer("GITHUB_APP_ID", env),
      privateKey: privateKey(env),
      installationId: integer("GITHUB_APP_INSTALLATION_ID", env),
    };
  const token = readSecret("GITHUB_TOKEN", env);
  if (token === undefined)
    throw new Error(
      "sources.github needs credentials: set GITHUB_TOKEN (or GITHUB_TOKEN_FILE), or GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY_FILE and GITHUB_APP_INSTALLATION_ID",
    );
  return { kind: "token", token };
}

/** Octokit constructor options for the credentials. */
export function octokitAuth(auth: GitHubAuth) {
  if (auth.kind === "token") return { auth: auth.token };
  return {
    authStrategy: createAppAuth,
    auth: { appId: auth.appId, privateKey: auth.privateKey, installationId: auth.installationId },
  };
}
