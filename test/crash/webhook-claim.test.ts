import { join } from "node:path";
import pg from "pg";
import { expect, it } from "vitest";
import { eventually, startServe } from "../support/serve.ts";
import { databaseUrl, forEachBackend } from "./backends.ts";
import { AS_OF } from "./crash-process.ts";
import { deploymentDelivery, missingRecords, send, serveEnv } from "./posts.ts";
import { storedKeys } from "./store-state.ts";

// The one instant of a webhook delivery the random kills of serve.test.ts rarely hit,
// made certain: `serve` claims the X-GitHub-Delivery id (committed on its own), then is
// killed before the delivery's records are stored. GitHub got no answer and redelivers
// with the same id; the records must then be stored. PostgreSQL only: another session
// holds a lock on the deployments table so the handler waits right after its claim, and
// the kill lands there every time. PGlite has no other session, but the same code path.

const CONFIG = join(import.meta.dirname, "../../examples/demo.yaml");
const common = ["--config", CONFIG, "--as-of", AS_OF];

forEachBackend(
  "a webhook delivery whose serve was killed after claiming it",
  (backend) => {
    it("is stored when GitHub redelivers it", async () => {
      const store = await backend.fresh("claimed");
      const delivery = deploymentDelivery(1);
      const serve = await startServe([...common, ...store.args], serveEnv(store));
      const blocker = new pg.Client({ connectionString: databaseUrl });
      await blocker.connect();
      try {
        await blocker.query("BEGIN");
        await blocker.query(`LOCK TABLE ${store.schema}.deployments IN ACCESS EXCLUSIVE MODE`);
        const lost = send(serve.base, delivery).catch((error: Error) => error);
        // Claimed, and waiting for the lock to look up whether the poll stored it already.
        await eventually(async () => {
          const { rows } = await blocker.query(
            `SELECT (SELECT count(*) FROM ${store.schema}.webhook_deliveries WHERE id = 'crash-1')
                  + (SELECT count(*) FROM pg_locks WHERE NOT granted
                       AND relation = '${store.schema}.deployments'::regclass) AS n`,
          );
          return Number(rows[0].n) === 2;
        });
        serve.child.kill("SIGKILL");
        await serve.exitCode;
        expect(await lost).toBeInstanceOf(Error);
      } finally {
        await blocker.query("ROLLBACK");
        await blocker.end();
      }

      const restarted = await startServe([...common, ...store.args], serveEnv(store));
      const redelivered = await send(restarted.base, delivery);
      const answer = `${redelivered.status} ${await redelivered.text()}`;
      expect(await restarted.stop()).toBe(0);
      const missing = missingRecords([delivery], await storedKeys(store));
      expect(missing, `the redelivery was answered ${answer}`).toEqual([]);
    }, 120_000);
  },
  "PostgreSQL",
);
