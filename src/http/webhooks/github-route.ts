import express, { type Request, type RequestHandler, type Response } from "express";
import type { Logger } from "../../logger.ts";
import type { WebhookOutcome } from "../../sources/github/webhook-events.ts";
import type { DeliveryLog } from "../../store/store.ts";
import { deliveryPayload } from "./payload.ts";
import { signatureMatches } from "./signature.ts";

// POST /webhooks/github. Order matters: the signature is checked over the raw bytes
// before anything is parsed or stored; a delivery id already applied is answered as a
// duplicate (GitHub redelivers on timeouts), and an id is remembered only after its event
// is applied, so a redelivery after a failure or a crash is applied, not dropped.

export interface GithubWebhookOptions {
  /** GITHUB_WEBHOOK_SECRET, then GITHUB_WEBHOOK_SECRET_PREVIOUS during a rotation. */
  secrets: readonly string[];
  handle: (event: string, payload: unknown) => Promise<WebhookOutcome>;
  deliveries: DeliveryLog;
  /** Runs after records were stored, before the answer: the KPIs then already show them. */
  afterStore?: () => Promise<void>;
  /** Largest accepted body (bytes syntax); GitHub caps payloads at 25 MB. */
  limit?: string;
  logger: Logger;
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function githubWebhookRoute(options: GithubWebhookOptions): RequestHandler[] {
  // Any content type is read raw: the signature covers the bytes as sent.
  const raw = express.raw({ type: () => true, limit: options.limit ?? "25mb" });
  const handler = async (req: Request, res: Response): Promise<void> => {
    if (options.secrets.length === 0) {
      res.status(503).json({ error: "GITHUB_WEBHOOK_SECRET is not set on this server" });
      return;
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!signatureMatches(body, header(req, "x-hub-signature-256"), options.secrets)) {
      options.logger.warn("webhook signature rejected", {
        delivery: header(req, "x-github-delivery"),
      });
      res.status(401).json({ error: "X-Hub-Signature-256 does not match the webhook secret" });
      return;
    }
    const event = header(req, "x-github-event");
    const delivery = header(req, "x-github-delivery");
    if (!event || !delivery) {
      res.status(400).json({ error: "X-GitHub-Event and X-GitHub-Delivery headers are required" });
      return;
    }
    const parsed = deliveryPayload(body, header(req, "content-type"));
    if ("error" in parsed) {
      res.status(400).json({ error: parsed.error });
      return;
    }
    if (event === "ping") {
      res.status(200).json({ status: "pong" });
      return;
    }
    if (await options.deliveries.applied(delivery)) {
      res.status(200).json({ status: "duplicate", delivery });
      return;
    }
    let outcome: WebhookOutcome;
    try {
      // Remembered only once applied: applying twice is harmless (writes are upserts by
      // source identity), forgetting a delivery whose writes a crash lost is not.
      outcome = await options.handle(event, parsed.payload);
      await options.deliveries.remember(delivery);
      if (outcome.status === "stored") await options.afterStore?.();
    } catch (error) {
      options.logger.error("webhook delivery failed", { event, delivery, error: String(error) });
      res.status(500).json({ error: "the delivery could not be applied; redeliver it" });
      return;
    }
    options.logger.info("webhook delivery", { event, delivery, ...outcome });
    res.status(outcome.status === "stored" ? 200 : 202).json({ ...outcome, delivery });
  };
  return [raw, handler];
}
