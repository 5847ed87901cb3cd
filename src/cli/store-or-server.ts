import { setTimeout as sleep } from "node:timers/promises";
import { DataDirHeldError } from "../store/data-dir-lock.ts";
import { onThisHost } from "../store/lock-holder.ts";
import type { Store } from "../store/store.ts";
import { type CommonOptions, openContextStore, type StoreDefaults } from "./context.ts";
import { describeHolder, howToStop, isServer } from "./holder.ts";

// Commands the HTTP API can serve (import, metrics, explain, report) send their work to
// the server that holds the data dir, or to --url, instead of failing.

export interface RemoteServer {
  url: string;
  /** How messages name it. */
  name: string;
  /** The error for work this server cannot do, saying what to do instead. */
  cannot(reason: string): Error;
}

export interface ServerOption {
  /** Send the work to this exporter's API instead of opening a store. */
  url?: string;
}

export function explicitServer(url: string): RemoteServer {
  const base = url.replace(/\/+$/, "");
  const name = `the server at ${base}`;
  return { url: base, name, cannot: (reason) => new Error(`${name}: ${reason}`) };
}

function holderServer({ dataDir, holder }: DataDirHeldError, url: string): RemoteServer {
  return {
    url,
    name: `${holder.command} (pid ${holder.pid}) at ${url}`,
    cannot: (reason) =>
      new Error(
        `${describeHolder(dataDir, holder)}: ${reason}; ${howToStop(dataDir, holder)}, then run this again`,
      ),
  };
}

// A server writes its URL once listening, after opening the store and its first snapshot.
const LISTEN_WAIT_MS = 10_000;

/**
 * The store, or the server to send the work to. `refuse` is why this work cannot go
 * through the API (a file format it does not take): with it, a held data dir or --url
 * is an error naming the server.
 */
export async function storeOrServer(
  options: CommonOptions & ServerOption,
  { refuse, ...defaults }: StoreDefaults & { refuse?: string } = {},
): Promise<{ store: Store } | { server: RemoteServer }> {
  if (options.url !== undefined) {
    const server = explicitServer(options.url);
    if (refuse !== undefined) throw server.cannot(refuse);
    return { server };
  }
  const deadline = Date.now() + LISTEN_WAIT_MS;
  for (;;) {
    try {
      return { store: await openContextStore(options, defaults) };
    } catch (error) {
      // A URL recorded on another host is that host's loopback: not reachable from here.
      if (!(error instanceof DataDirHeldError) || !onThisHost(error.holder)) throw error;
      const url = error.holder.url;
      if (url !== undefined) {
        const server = holderServer(error, url);
        if (refuse !== undefined) throw server.cannot(refuse);
        process.stderr.write(`${describeHolder(error.dataDir, error.holder)}: using its API\n`);
        return { server };
      }
      if (!isServer(error.holder) || Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}
