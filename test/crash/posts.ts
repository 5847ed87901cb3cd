import { createHash } from "node:crypto";
import { signedDelivery, webhookExample } from "../support/webhook-fixtures.ts";
import type { CrashStore } from "./backends.ts";
import { keyOf } from "./store-state.ts";

// What the serve crash tests send: NDJSON batches to POST /api/v1/events and signed GitHub
// deployment_status deliveries to POST /webhooks/github, each with the identities of the
// records it stores, so that what was answered 2xx can be looked for after a kill. Sending
// one again is what a client (or GitHub's redelivery, same X-GitHub-Delivery) does after
// a failure, and must change nothing.

export const API_TOKEN = "crash-api-token";
export const WEBHOOK_SECRET = "crash-webhook-secret";

export interface Post {
  label: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** keyOf() of every record it stores. */
  keys: string[];
}

/** What `serve` on this store needs to take events and webhook deliveries. */
export const serveEnv = (store: CrashStore) => ({
  ...store.env,
  KPI_API_TOKEN: API_TOKEN,
  GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
});

export function eventBatches(lines: readonly string[], count: number): Post[] {
  const size = Math.ceil(lines.length / count);
  return Array.from({ length: count }, (_, n) => {
    const batch = lines.slice(n * size, (n + 1) * size);
    return {
      label: `events batch ${n + 1} (lines ${n * size + 1}-${n * size + batch.length})`,
      path: "/api/v1/events",
      headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/x-ndjson" },
      body: batch.join("\n"),
      keys: batch.map((line) => {
        const record = JSON.parse(line) as Record<string, unknown>;
        return keyOf(String(record.kind), record);
      }),
    };
  });
}

/** A successful production deployment of acme/checkout (the demo catalogue's checkout). */
export function deploymentDelivery(n: number): Post {
  const id = 900_000 + n;
  const at = new Date(Date.parse("2026-06-20T10:00:00Z") + n * 3_600_000).toISOString();
  const payload = webhookExample("deployment_status", "created");
  Object.assign(payload.repository as object, { full_name: "acme/checkout", name: "checkout" });
  Object.assign(payload.deployment as object, {
    id,
    sha: createHash("sha1").update(`crash-${n}`).digest("hex"),
    environment: "production",
    created_at: at,
  });
  Object.assign(payload.deployment_status as object, { state: "success", created_at: at });
  const delivery = signedDelivery(WEBHOOK_SECRET, "deployment_status", payload, `crash-${n}`);
  return {
    label: `webhook delivery crash-${n} (deployment ${id})`,
    path: "/webhooks/github",
    ...delivery,
    keys: [`deployment acme/checkout/deployments/${id}`],
  };
}

export const send = (base: string, post: Post): Promise<Response> =>
  fetch(`${base}${post.path}`, { method: "POST", headers: post.headers, body: post.body });

/** The posts whose records are not all among `stored`, with the records missing. */
export function missingRecords(posts: readonly Post[], stored: ReadonlySet<string>): string[] {
  return posts.flatMap((post) =>
    post.keys.filter((key) => !stored.has(key)).map((key) => `${post.label}: ${key}`),
  );
}
