import express, { type Request, type RequestHandler, type Response } from "express";
import type { Logger } from "../../logger.ts";
import type { WebhookDefinition, WebhookOutcome } from "../../sources/webhook.ts";
import type { DeliveryLog } from "../../store/store.ts";

// POST /webhooks/<source>. Order matters: the delivery is authenticated over the raw bytes
// before anything is parsed or stored; a delivery id already applied is answered as a
// duplicate (senders redeliver on timeouts), and an id is remembered only after its event
// is applied, so a redelivery after a failure or a crash is applied, not dropped.

export interface WebhookOptions {
  /** The source's secrets as read from its variables, current first; none → 503. */
  secrets: readonly string[];
  handle: (event: string, payload: unknown) => Promise<WebhookOutcome>;
  deliveries: DeliveryLog;
  /** Runs after records were stored, before the answer: the KPIs then already show them. */
  afterStore?: () => Promise<void>;
  /** Replaces the source's own body limit (tests narrow it). */
  limit?: string;
  logger: Logger;
}

/** A source's receiver as the app mounts it: at /webhooks/<name>. */
export interface WebhookReceiver {
  name: string;
  definition: WebhookDefinition;
  options: WebhookOptions;
}

export function webhookRoute(receiver: WebhookReceiver): RequestHandler[] {
  const { name, definition, options } = receiver;
  // Any content type is read raw: a signature covers the bytes as sent.
  const raw = express.raw({ type: () => true, limit: options.limit ?? definition.limit });
  const handler = async (req: Request, res: Response): Promise<void> => {
    if (options.secrets.length === 0) {
      const variable = definition.secretVariables[0];
      res.status(503).json({ error: `${variable} is not set on this server` });
      return;
    }
    const header = (key: string) => {
      const value = req.headers[key];
      return Array.isArray(value) ? value[0] : value;
    };
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const refused = definition.authenticate(body, header, options.secrets);
    if (refused) {
      const claimed = definition.delivery(header);
      options.logger.warn("webhook delivery not authentic", {
        source: name,
        delivery: "id" in claimed ? claimed.id : undefined,
      });
      res.status(refused.status).json({ error: refused.error });
      return;
    }
    const delivery = definition.delivery(header);
    if ("error" in delivery) {
      res.status(delivery.status).json({ error: delivery.error });
      return;
    }
    const parsed = definition.payload(body, header);
    if ("error" in parsed) {
      res.status(parsed.status).json({ error: parsed.error });
      return;
    }
    const immediate = definition.immediate?.(delivery.event);
    if (immediate) {
      res.status(200).json(immediate);
      return;
    }
    await apply(receiver, delivery, parsed.payload, res);
  };
  return [raw, handler];
}

async function apply(
  { name, options }: WebhookReceiver,
  { event, id }: { event: string; id: string },
  payload: unknown,
  res: Response,
): Promise<void> {
  if (await options.deliveries.applied(id)) {
    res.status(200).json({ status: "duplicate", delivery: id });
    return;
  }
  let outcome: WebhookOutcome;
  try {
    // Remembered only once applied: applying twice is harmless (writes are upserts by
    // source identity), forgetting a delivery whose writes a crash lost is not.
    outcome = await options.handle(event, payload);
    await options.deliveries.remember(id);
    if (outcome.status === "stored") await options.afterStore?.();
  } catch (error) {
    options.logger.error("webhook delivery failed", {
      source: name,
      event,
      delivery: id,
      error: String(error),
    });
    res.status(500).json({ error: "the delivery could not be applied; redeliver it" });
    return;
  }
  options.logger.info("webhook delivery", { source: name, event, delivery: id, ...outcome });
  res.status(outcome.status === "stored" ? 200 : 202).json({ ...outcome, delivery: id });
}
