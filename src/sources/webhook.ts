import type { ConfigFile } from "../config/schema.ts";
import type { Store } from "../store/store.ts";

// What a source that receives pushes declares in its definition: the server mounts it at
// POST /webhooks/<source name> and runs every delivery through the same steps (route.ts in
// src/http/webhooks): authenticate over the raw bytes, read the event and delivery id,
// parse, skip a delivery already applied, apply, remember. The source supplies only what
// differs between senders: how a delivery proves itself and names itself, and what it means.

/** "reconciling": nothing stored now; the poll that `reconcile` nudges reads it. */
export type WebhookOutcome =
  | { status: "stored"; records: number }
  | { status: "ignored"; reason: string }
  | { status: "reconciling"; reason: string };

/** A request header by lower-case name (the first, when repeated). */
export type HeaderReader = (name: string) => string | undefined;

/** The answer to a delivery the receiver refuses, with its HTTP status. */
export interface WebhookRefusal {
  status: 400 | 401;
  error: string;
}

export interface WebhookDeps {
  config: ConfigFile;
  store: Store;
  /** Asks for the source's next poll soon: it fills in what a payload lacks. */
  reconcile?: () => void;
  now?: () => number;
}

export interface WebhookDefinition {
  /** Environment variables of the accepted secrets, current first, then the one a rotation retires. */
  secretVariables: readonly string[];
  /** Largest body the sender may send, in the `bytes` syntax. */
  limit: string;
  /** A refusal unless the delivery proves it knows one of `secrets`, compared in constant time. */
  authenticate(
    body: Buffer,
    header: HeaderReader,
    secrets: readonly string[],
  ): WebhookRefusal | undefined;
  /** The event name and the sender's delivery id, which deduplicates redeliveries. */
  delivery(header: HeaderReader): { event: string; id: string } | WebhookRefusal;
  /** The delivery's payload, as the sender encoded it. */
  payload(body: Buffer, header: HeaderReader): { payload: unknown } | WebhookRefusal;
  /** An answer that needs no store (a ping), or undefined to apply the delivery. */
  immediate?(event: string): Record<string, unknown> | undefined;
  /** Applies one delivery: the records it carries are stored before it resolves. */
  handler(deps: WebhookDeps): (event: string, payload: unknown) => Promise<WebhookOutcome>;
}
