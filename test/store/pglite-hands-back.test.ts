import { describe, expect, it } from "vitest";
import { openPglite } from "../../src/store/pglite-connection.ts";

// PGlite runs statements on the serving thread: a read of many statements must let
// waiting I/O (a scrape of the kept snapshot) be served between them, not after them all.

describe("the PGlite connection", () => {
  it("serves waiting I/O before each statement, in and out of transactions", async () => {
    const db = await openPglite();
    try {
      const order: string[] = [];
      const waiting = (name: string) => setImmediate(() => order.push(name));
      waiting("before first");
      await db.query("SELECT 1");
      order.push("first");
      waiting("before second");
      await db.exec("SELECT 2");
      order.push("second");
      await db.transaction(async (tx) => {
        waiting("inside");
        await tx.query("SELECT 3");
        order.push("third");
      });
      expect(order).toEqual([
        "before first",
        "first",
        "before second",
        "second",
        "inside",
        "third",
      ]);
    } finally {
      await db.close();
    }
  });
});
