import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { LOCK_FILE } from "../store/data-dir-lock.ts";
import { type LockHolder, onThisHost } from "../store/lock-holder.ts";

// What a command says when another process holds its data dir: who (command, pid, URL,
// since when) and what to do instead, by command.

const minutePrecision = (iso: string) => iso.replace(/:\d{2}(\.\d+)?Z$/, "Z");

export function describeHolder(dataDir: string, holder: LockHolder): string {
  const where = [
    `pid ${holder.pid}`,
    ...(onThisHost(holder) ? [] : [`on host ${holder.hostname}`]),
    ...(holder.url ? [holder.url] : []),
  ];
  return `data dir ${dataDir} is held by ${holder.command} (${where.join(", ")}) since ${minutePrecision(holder.startedAt)}`;
}

export function howToStop(dataDir: string, holder: LockHolder): string {
  if (onThisHost(holder)) return `stop it first (kill ${holder.pid})`;
  return `stop it on ${holder.hostname} first (a lock taken on another host is never taken over: if ${holder.hostname} no longer runs it, delete ${join(dataDir, LOCK_FILE)})`;
}

/** `serve` or a serving `demo`, which records its URL once listening. */
export const isServer = (holder: LockHolder) => /\b(serve|demo)$/.test(holder.command);

/** Its URL as reached from here: one recorded on another host names that host's loopback. */
function urlFromHere(holder: LockHolder): string | undefined {
  if (holder.url === undefined || onThisHost(holder)) return holder.url;
  const url = new URL(holder.url);
  url.hostname = holder.hostname;
  return url.origin;
}

function advice(command: string, dataDir: string, holder: LockHolder): string {
  const stop = howToStop(dataDir, holder);
  const url = urlFromHere(holder);
  if (url === undefined)
    return isServer(holder)
      ? `it is starting to serve it: run this again in a moment, or ${stop}`
      : `wait for it to finish, or ${stop}`;
  switch (command) {
    case "import":
      return `send events with \`kpi-exporter import --url ${url} FILE\` or POST ${url}/api/v1/events, or ${stop}`;
    case "sync":
      return `it already runs the configured collectors on their interval; to sync now, ${stop}, then run sync`;
    case "serve":
    case "demo":
      return `it already serves this store at ${url}; to serve it from here, ${stop}`;
    default:
      return `${stop}, then run ${command} again`;
  }
}

/** Why `command` cannot open the data dir, and what to do instead. */
export function heldMessage(command: string, dataDir: string, holder: LockHolder): string {
  return `${describeHolder(dataDir, holder)}: ${advice(command, dataDir, holder)}`;
}

/** Where a listening server is reached from this host: a wildcard address means loopback. */
export function reachableUrl(address: string | AddressInfo | null): string | undefined {
  if (address === null || typeof address === "string") return undefined;
  const wildcard = address.address === "0.0.0.0" || address.address === "::";
  const host = wildcard
    ? "127.0.0.1"
    : address.family === "IPv6"
      ? `[${address.address}]`
      : address.address;
  return `http://${host}:${address.port}`;
}
