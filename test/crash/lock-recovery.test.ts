import { readFileSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { LOCK_FILE } from "../../src/store/data-dir-lock.ts";
import { startServe } from "../support/serve.ts";
import { forEachBackend } from "./backends.ts";
import { AS_OF, runKpi } from "./crash-process.ts";

// A kill during the takeover of a killed process's lock. A process that finds a stale
// lock writes a guard named after it (kpi-exporter.lock.recover-TOKEN), deletes the lock,
// then the guard (src/store/data-dir-lock.ts, removeStale). Killed between the first two
// steps, it leaves the stale lock and its guard, which names the dead recoverer: the next
// process must take both over by itself. The window is microseconds wide, so instead of hoping a
// random kill hits it, the test leaves what such a kill leaves: a real `serve` killed
// with SIGKILL (the stale lock) and the guard its recoverer wrote before dying.

const CONFIG = join(import.meta.dirname, "../../examples/demo.yaml");
const common = ["--config", CONFIG, "--as-of", AS_OF];

forEachBackend(
  "a process killed while it takes over a killed process's lock",
  (backend) => {
    it("leaves nothing the next process cannot recover by itself", async () => {
      const store = await backend.fresh("recovering");
      const dataDir = store.dataDir as string;
      const killed = await startServe([...common, ...store.args]);
      killed.child.kill("SIGKILL");
      await killed.exitCode;
      const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), "utf8"));
      expect(lock.pid).toBe(killed.child.pid);
      // The recoverer named itself in the guard; it died as the holder did (same pid here).
      const recoverer = { ...lock, command: "import", token: "recoverer" };
      writeFileSync(join(dataDir, `${LOCK_FILE}.recover-${lock.token}`), JSON.stringify(recoverer));

      const file = join(backend.dir(), "one.ndjson");
      await writeFile(
        file,
        `${JSON.stringify({ kind: "incident", id: "INC-1", service: "checkout", startedAt: "2026-06-01T10:00:00Z" })}\n`,
      );
      const imported = await runKpi(["import", ...common, ...store.args, file], store.env);
      expect(imported.code, imported.stderr).toBe(0);
      expect(store.leftovers()).toEqual([]);
    }, 120_000);
  },
  "PGlite",
);
