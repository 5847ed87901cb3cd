import { isIP } from "node:net";

// /metrics, reports and explanations name people (deployers, approvers) and show how the
// organisation delivers: by default they are served to this machine only. Reaching them
// from elsewhere takes a read token, or an explicit choice to serve them to anyone.

/** Whether an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  const v4 = bare.startsWith("::ffff:") ? bare.slice(7) : bare;
  return isIP(v4) === 4 && v4.startsWith("127.");
}

/** KPI_ALLOW_ANONYMOUS_READ: true/1/yes or false/0/no; anything else is a mistake to report. */
export function anonymousReadFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.KPI_ALLOW_ANONYMOUS_READ?.trim().toLowerCase();
  if (value === undefined || value === "" || ["false", "0", "no"].includes(value)) return false;
  if (["true", "1", "yes"].includes(value)) return true;
  throw new Error(`KPI_ALLOW_ANONYMOUS_READ: expected true or false, got ${JSON.stringify(value)}`);
}

/** Throws, before anything is started, when a non-loopback bind would serve reads to anyone. */
export function checkReadExposure(host: string, readToken: string | undefined, anonymous: boolean) {
  if (isLoopback(host) || readToken !== undefined || anonymous) return;
  throw new Error(
    `--host ${host} would serve /metrics, reports and approver names to anyone who can reach it: set KPI_READ_TOKEN (Prometheus sends it with authorization.credentials) or pass --allow-anonymous-read (KPI_ALLOW_ANONYMOUS_READ=true)`,
  );
}
