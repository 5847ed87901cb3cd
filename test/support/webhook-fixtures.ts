import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

// GitHub's documented webhook examples (test/fixtures/github-webhooks), one per event and
// action, as fresh copies a test may edit.

type Examples = { examples_by_action: Record<string, unknown> };

export function webhookExample(event: string, action: string): Record<string, unknown> {
  const file = new URL(`../fixtures/github-webhooks/${event}.json`, import.meta.url);
  const examples = (JSON.parse(readFileSync(file, "utf8")) as Examples).examples_by_action;
  const example = examples[action];
  if (example === undefined) throw new Error(`no ${event} example for action ${action}`);
  const payload = Array.isArray(example) ? example[0] : example;
  return structuredClone(payload) as Record<string, unknown>;
}

/** What GitHub sends for a delivery signed with `secret`, computed independently of src/. */
export function signedDelivery(
  secret: string,
  event: string,
  payload: unknown,
  delivery: string = crypto.randomUUID(),
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(payload);
  const signature = createHmac("sha256", secret).update(body).digest("hex");
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": delivery,
      "x-hub-signature-256": `sha256=${signature}`,
    },
  };
}
