import { readSecret } from "../config/secrets.ts";
import { SELF } from "../vocabulary/conventions.ts";
import { clockFrom } from "./as-of.ts";
import type { RemoteServer } from "./store-or-server.ts";

// Requests to the exporter that holds the store (or --url), with the bearer token its
// route wants. Errors name the server and the variable the token comes from.

export type Access = "read" | "write";

const TOKEN_VARIABLES: Record<Access, string[]> = {
  write: ["KPI_API_TOKEN"],
  // A server without a read token lets any token read; one with it wants that one.
  read: ["KPI_READ_TOKEN", "KPI_API_TOKEN"],
};

function bearer(access: Access): string | undefined {
  for (const name of TOKEN_VARIABLES[access]) {
    const value = readSecret(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

function refusedToken(server: RemoteServer, access: Access, sent: boolean): Error {
  const variable = access === "write" ? "KPI_API_TOKEN" : "KPI_READ_TOKEN";
  const problem = sent ? "refused the token" : "requires a token";
  return new Error(
    `${server.name} ${problem}: set ${variable} (or ${variable}_FILE) here to the server's ${variable}`,
  );
}

export async function requestServer(
  server: RemoteServer,
  path: string,
  access: Access,
  init: RequestInit = {},
): Promise<Response> {
  const token = bearer(access);
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set("authorization", `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(`${server.url}${path}`, { ...init, headers });
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`cannot reach ${server.name}: ${cause?.code ?? cause?.message ?? error}`);
  }
  if (response.status === 401) throw refusedToken(server, access, token !== undefined);
  if (response.status === 403 && access === "write")
    throw new Error(
      `${server.name} has its write endpoints disabled: restart it with KPI_API_TOKEN set, and set the same KPI_API_TOKEN here`,
    );
  return response;
}

/** The error for an answer the caller has no use for, with the server's own message. */
export async function unexpectedAnswer(server: RemoteServer, response: Response): Promise<Error> {
  const text = (await response.text()).trim();
  let message = text;
  try {
    message = (JSON.parse(text) as { error?: string }).error ?? text;
  } catch {
    // Not JSON: the text as it came.
  }
  return new Error(`${server.name} answered ${response.status}: ${message}`);
}

/** The instant of the snapshot an exposition shows (the self-metric), if any. */
export function servedAsOf(exposition: string): number | undefined {
  const name = SELF.snapshotTimestamp.name;
  const match = new RegExp(`^${name} (\\S+)$`, "m").exec(exposition);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/**
 * A command given --as-of (or KPI_AS_OF) may use the server's answer only when the server
 * evaluates at that very instant, as one started with the same --as-of does.
 */
export function checkAsOf(server: RemoteServer, exposition: string, asOf: string | undefined) {
  if (asOf === undefined && !process.env.KPI_AS_OF) return;
  const wanted = clockFrom(asOf)();
  const served = servedAsOf(exposition);
  if (served === wanted) return;
  const at =
    served === undefined ? "no snapshot yet" : `the KPIs at ${new Date(served).toISOString()}`;
  throw server.cannot(`it serves ${at}, not at --as-of ${new Date(wanted).toISOString()}`);
}
