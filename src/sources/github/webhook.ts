import type { WebhookDefinition } from "../webhook.ts";
import { githubWebhookHandler } from "./webhook-events.ts";
import { deliveryPayload } from "./webhook-payload.ts";
import { signatureMatches } from "./webhook-signature.ts";

// GitHub's deliveries: signed with HMAC-SHA256 of the raw body (X-Hub-Signature-256),
// named by X-GitHub-Event and X-GitHub-Delivery, and redelivered on timeouts.

export const githubWebhook: WebhookDefinition = {
  secretVariables: ["GITHUB_WEBHOOK_SECRET", "GITHUB_WEBHOOK_SECRET_PREVIOUS"],
  // GitHub caps payloads at 25 MB.
  limit: "25mb",
  authenticate(body, header, secrets) {
    if (signatureMatches(body, header("x-hub-signature-256"), secrets)) return undefined;
    return { status: 401, error: "X-Hub-Signature-256 does not match the webhook secret" };
  },
  delivery(header) {
    const event = header("x-github-event");
    const id = header("x-github-delivery");
    if (event && id) return { event, id };
    return { status: 400, error: "X-GitHub-Event and X-GitHub-Delivery headers are required" };
  },
  payload(body, header) {
    const parsed = deliveryPayload(body, header("content-type"));
    return "error" in parsed ? { status: 400, error: parsed.error } : parsed;
  },
  immediate: (event) => (event === "ping" ? { status: "pong" } : undefined),
  handler: githubWebhookHandler,
};
