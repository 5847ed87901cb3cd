import { request as httpRequest } from "node:http";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { ExpensiveQueue, type QueueLimits } from "../../src/http/expensive-queue.ts";
import { deferred, type Listening, listen } from "./helpers.ts";

// The queue in front of reports and explanations, over real HTTP: how many run, how many
// wait, a client's share, 503 with Retry-After beyond, and a client that leaves.

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** An app whose one expensive route waits for `release`; counts the handlers that ran. */
async function start(limits: QueueLimits) {
  const gate = deferred<void>();
  const started: string[] = [];
  const signals: AbortSignal[] = [];
  const queue = new ExpensiveQueue(limits);
  const app = express();
  app.get(
    "/work/:name",
    queue.guard(async (req, res) => {
      started.push(String(req.params.name));
      const signal = res.locals.signal as AbortSignal;
      signals.push(signal);
      // Work that stops at its next step once its client has gone.
      await Promise.race([gate.promise, new Promise((r) => signal.addEventListener("abort", r))]);
      if (!signal.aborted) res.json({ done: req.params.name });
    }),
  );
  server = await listen(app);
  const get = (name: string) => fetch(`${server?.url}/work/${name}`);
  return { queue, started, signals, release: () => gate.resolve(), get };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
};

describe("the expensive-request queue", () => {
  it("runs its share, queues the next ones and refuses the rest with Retry-After", async () => {
    const { queue, started, release, get } = await start({
      running: 1,
      waiting: 1,
      perClient: 10,
      retryAfterSeconds: 7,
    });
    const first = get("a");
    const second = get("b");
    await until(() => queue.running === 1 && queue.waiting === 1);
    const third = await get("c");
    expect(third.status).toBe(503);
    expect(third.headers.get("retry-after")).toBe("7");
    expect((await third.json()).error).toBe(
      "1 expensive requests (reports, explanations) are already waiting; try again in 7 s",
    );
    expect(started).toEqual(["a"]);
    release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(started).toEqual(["a", "b"]);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  });

  it("holds one client to its share", async () => {
    const { started, release, get } = await start({
      running: 4,
      waiting: 4,
      perClient: 2,
      retryAfterSeconds: 10,
    });
    const kept = [get("a"), get("b")];
    await until(() => started.length === 2);
    const refused = await get("c");
    expect(refused.status).toBe(503);
    expect((await refused.json()).error).toMatch(/^2 expensive requests .* from this client/);
    release();
    for (const response of await Promise.all(kept)) expect(response.status).toBe(200);
  });

  it("drops a waiting request whose client left, and tells a running one", async () => {
    const { queue, started, signals, release, get } = await start({
      running: 1,
      waiting: 4,
      perClient: 4,
      retryAfterSeconds: 10,
    });
    const running = httpRequest(`${server?.url}/work/left-running`);
    running.on("error", () => {});
    running.end();
    await until(() => started.length === 1);
    const waiting = httpRequest(`${server?.url}/work/left-waiting`);
    waiting.on("error", () => {});
    waiting.end();
    await until(() => queue.waiting === 1);
    waiting.destroy();
    await until(() => queue.waiting === 0);
    running.destroy();
    await until(() => signals[0]?.aborted === true);
    const after = get("after");
    release();
    expect((await after).status).toBe(200);
    expect(started).toEqual(["left-running", "after"]);
  });
});
