import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { canonicalJson } from "../domain/canonical-json.ts";
import type { ChainHead } from "../domain/evidence-chain.ts";

// A signed checkpoint of the ledger's head. The hash chain proves that records were not
// changed one by one, but whoever owns the database can cut the tail and move the head
// back, wipe everything, or rewrite a record and re-seal every record after it: the chain
// is then consistent again. A checkpoint signed with a key the database never sees, kept
// in a witness outside it, pins what the ledger held at that moment (decision 155).

export const CHECKPOINT_FORMAT = "kpi-exporter/evidence-checkpoint/v1";

export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  seq: number;
  deploymentId: string | null;
  hash: string | null;
  signedAt: string;
  /** SHA-256 of the public key (SPKI DER), hex: which key signed. */
  keyId: string;
}

export interface Checkpoint extends CheckpointBody {
  /** Ed25519 over the canonical JSON of the body, base64. */
  signature: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex");
}

function ed25519(key: KeyObject, file: string): KeyObject {
  if (key.asymmetricKeyType !== "ed25519")
    throw new Error(
      `${file}: expected an Ed25519 key, found ${key.asymmetricKeyType ?? "a secret key"}`,
    );
  return key;
}

/** A private key from PEM text (openssl genpkey -algorithm ed25519). */
export function privateKeyFrom(pem: string, file: string): KeyObject {
  return ed25519(createPrivateKey(pem), file);
}

/** A public key from PEM text; a private key's PEM gives its public half. */
export function publicKeyFrom(pem: string, file: string): KeyObject {
  return ed25519(createPublicKey(pem), file);
}

export function signCheckpoint(head: ChainHead, at: number, privateKey: KeyObject): Checkpoint {
  const body: CheckpointBody = {
    format: CHECKPOINT_FORMAT,
    seq: head.seq,
    deploymentId: head.deploymentId ?? null,
    hash: head.hash ?? null,
    signedAt: new Date(at).toISOString(),
    keyId: keyIdOf(createPublicKey(privateKey)),
  };
  const signature = sign(null, Buffer.from(canonicalJson(body)), privateKey).toString("base64");
  return { ...body, signature };
}

/** The checkpoint in a witness file's text, or why it cannot be trusted. */
export function readCheckpoint(text: string, publicKey: KeyObject): Checkpoint | string {
  let value: Checkpoint;
  try {
    value = JSON.parse(text) as Checkpoint;
  } catch {
    return "not JSON";
  }
  if (value?.format !== CHECKPOINT_FORMAT) return `not a ${CHECKPOINT_FORMAT} checkpoint`;
  const { signature, ...body } = value;
  if (body.keyId !== keyIdOf(publicKey)) return "signed with another key";
  const signed = Buffer.from(canonicalJson(body as CheckpointBody));
  if (
    typeof signature !== "string" ||
    !verify(null, signed, publicKey, Buffer.from(signature, "base64"))
  )
    return "its signature does not verify: the file was altered";
  return value;
}
