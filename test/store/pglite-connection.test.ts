import { expect, test } from "vitest";
import { openPglite } from "../../src/store/pglite-connection.ts";

// The embedded store's PostgreSQL runs with small shared buffers: its WebAssembly memory
// never shrinks, so the default 128 MB would stay resident in every exporter process.

test("the embedded PostgreSQL keeps 16 MB of shared buffers", async () => {
  const db = await openPglite();
  try {
    const [row] = await db.query<{ shared_buffers: string }>("SHOW shared_buffers");
    expect(row?.shared_buffers).toBe("16MB");
    // Other start parameters of PGlite's own still hold (single-user, no parallel workers).
    const [workers] = await db.query<{ max_worker_processes: string }>("SHOW max_worker_processes");
    expect(workers?.max_worker_processes).toBe("0");
  } finally {
    await db.close();
  }
});
