import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { generateDemoEvents } from "../../src/demo/generate.ts";
import { startServe } from "../support/serve.ts";
import { type CrashStore, forEachBackend } from "./backends.ts";
import { AS_OF, KillJournal, randomStream } from "./crash-process.ts";
import {
  deploymentDelivery,
  eventBatches,
  missingRecords,
  type Post,
  send,
  serveEnv,
} from "./posts.ts";
import {
  expectConverged,
  expectLedgerVerifies,
  leftStaleLock,
  stateOf,
  storedKeys,
} from "./store-state.ts";

// `serve` killed with SIGKILL while it takes event batches and webhook deliveries, at
// seeded random instants within a POST (before or after its answer). A POST killed before
// its answer is sent again to the next serve, as a client or GitHub would; one answered
// 2xx is not sent again until every kill is done, so its records must then be in the
// store: the answer promised durability. Then everything is sent again (idempotent
// upserts; redelivery under the same X-GitHub-Delivery) and the store must equal that of
// a serve given each POST once and never killed. webhook-claim.test.ts makes certain the
// kill a delivery is most exposed to here.

const KILLS = 8;
const CONFIG = join(import.meta.dirname, "../../examples/demo.yaml");
const common = ["--config", CONFIG, "--as-of", AS_OF];

/** 20 NDJSON batches of 30 demo days, a webhook delivery after every fourth. */
function posts(): Post[] {
  const batches = eventBatches(generateDemoEvents({ asOf: Date.parse(AS_OF), days: 30 }), 20);
  return batches.flatMap((batch, n) => (n % 4 === 3 ? [batch, deploymentDelivery(n)] : [batch]));
}

/** Sends each post in turn, expecting 2xx; keeps each answer (a webhook's says stored or duplicate). */
async function sendAll(base: string, list: readonly Post[], answers: Map<Post, string>) {
  const durations: number[] = [];
  for (const post of list) {
    const started = performance.now();
    const answer = await send(base, post);
    const text = `${answer.status} ${await answer.text()}`;
    expect(answer.ok, `${post.label}: ${text}`).toBe(true);
    answers.set(post, text.slice(0, 120));
    durations.push(performance.now() - started);
  }
  return durations;
}

/** Records of `posts` not in the store, each with the last answer its POST got. */
function lostRecords(posts: readonly Post[], stored: Set<string>, answers: Map<Post, string>) {
  return posts.flatMap((post) =>
    missingRecords([post], stored).map((lost) => `${lost}, answered ${answers.get(post)}`),
  );
}

const startOn = (store: CrashStore) => startServe([...common, ...store.args], serveEnv(store));
const isWebhook = (post: Post) => post.path === "/webhooks/github";

forEachBackend("serve killed with SIGKILL during POSTs", (backend) => {
  it(`keeps every answered POST through ${KILLS} kills, then converges`, async () => {
    const journal = new KillJournal(`serve on ${backend.name}`);
    const random = randomStream(`serve ${backend.name}`);
    const all = posts();
    const answers = new Map<Post, string>();

    const reference = await backend.fresh("reference");
    const once = await startOn(reference);
    const durations = (await sendAll(once.base, all, new Map())).sort((a, b) => a - b);
    expect(await once.stop()).toBe(0);
    const typical = durations[Math.floor(durations.length / 2)] ?? 500;

    const crashed = await backend.fresh("crashed");
    const answered = new Set<Post>();
    let next = 0;
    for (let kill = 1; kill <= KILLS; kill++) {
      const serve = await startOn(crashed);
      // Up to two POSTs answered in full, then a kill during the next one (or, once all
      // were answered, shortly after the start, while the first refresh may still run).
      const target = Math.min(next + random.int(0, 2), all.length);
      await sendAll(serve.base, all.slice(next, target), answers);
      for (const post of all.slice(next, target)) answered.add(post);
      const post = all[target];
      const at = random.int(0, Math.round(2 * typical));
      let answer: Response | undefined;
      const inflight =
        post &&
        send(serve.base, post).then(
          (r) => (answer = r),
          () => undefined,
        );
      await sleep(at);
      const beforeKill = answer;
      serve.child.kill("SIGKILL");
      await serve.exitCode;
      await inflight;
      if (post && beforeKill) {
        const text = `${beforeKill.status} ${await beforeKill.text()}`;
        expect(beforeKill.ok, `${post.label}: ${text}`).toBe(true);
        answers.set(post, text.slice(0, 120));
        answered.add(post);
      }
      next = beforeKill ? target + 1 : target;
      const where = post ? `${post.label}, ${beforeKill ? "after" : "before"} its answer` : "idle";
      journal.note(`kill ${kill}: ${at} ms into ${where}`);
      if (backend.name === "PGlite")
        expect(leftStaleLock(crashed, serve.child.pid ?? 0)).toBe(true);
    }

    // Every POST answered 2xx, before a kill or after one, before anything is sent again.
    const stored = await storedKeys(crashed);
    const durable = [...answered];
    const batchesLost = lostRecords(
      durable.filter((p) => !isWebhook(p)),
      stored,
      answers,
    );
    expect.soft(batchesLost, `event batches answered 2xx\n${journal}`).toEqual([]);
    const deliveriesLost = lostRecords(durable.filter(isWebhook), stored, answers);
    expect.soft(deliveriesLost, `webhook deliveries answered 2xx\n${journal}`).toEqual([]);

    const last = await startOn(crashed);
    await sendAll(last.base, all, answers);
    expect(await last.stop()).toBe(0);
    expect(crashed.leftovers()).toEqual([]);
    const [got, want] = [await stateOf(crashed, common), await stateOf(reference, common)];
    expect(lostRecords(all, got.keys, answers), "POSTs sent again").toEqual([]);
    expectConverged(got, want, { exactLedger: false });
    await expectLedgerVerifies(crashed, common);
  }, 300_000);
});
