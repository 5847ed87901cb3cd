import { describe, expect, it } from "vitest";
import { byId } from "../../src/engine/identity-order.ts";
import { KindIndex } from "../../src/engine/working-set-index.ts";

// A kind kept without a map by key must hold exactly what a keyed one holds: one record per
// identity, the last one stored, in identity order, in its group too.

interface Row {
  id: string;
  group: string;
  v: number;
}

const rows = (n: number, v: number, step = 1): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `r${String(i * step).padStart(5, "0")}`,
    group: `g${(i * step) % 3}`,
    v,
  }));

function both(batches: Row[][]) {
  const keyed = new KindIndex<Row>(
    (r) => r.id,
    byId,
    (r) => r.group,
  );
  const unkeyed = new KindIndex<Row>(undefined, byId, (r) => r.group);
  for (const batch of batches) {
    for (const r of batch) keyed.put(r);
    for (const r of batch) unkeyed.put(r);
    // Reading between batches settles the lists: later batches replace settled records.
    expect(unkeyed.all()).toEqual(keyed.all());
  }
  return { keyed, unkeyed };
}

describe("a kind without a map by key", () => {
  it("keeps the last record of each identity, in bulk and one by one", () => {
    const { keyed, unkeyed } = both([
      rows(1000, 1),
      rows(500, 2, 2),
      rows(3, 3, 7),
      rows(2000, 4, 1),
    ]);
    expect(unkeyed.size).toBe(keyed.size);
    expect(unkeyed.all().every((r) => r.v === 4 || Number(r.id.slice(1)) >= 2000)).toBe(true);
    for (const g of ["g0", "g1", "g2"]) expect(unkeyed.group(g)).toEqual(keyed.group(g));
  });

  it("keeps the last of duplicates within one batch, large or small", () => {
    const twice = [...rows(400, 1), ...rows(400, 2)];
    const { keyed, unkeyed } = both([twice, [...rows(5, 3), ...rows(5, 4)]]);
    expect(
      unkeyed
        .all()
        .map((r) => r.v)
        .slice(0, 6),
    ).toEqual([4, 4, 4, 4, 4, 2]);
    expect(unkeyed.size).toBe(400);
    expect(unkeyed.group("g1")).toEqual(keyed.group("g1"));
  });

  it("grows its version with every record stored, and is not looked up by key", () => {
    const unkeyed = new KindIndex<Row>(undefined, byId);
    unkeyed.put(rows(1, 1)[0] as Row);
    unkeyed.put(rows(1, 2)[0] as Row);
    expect(unkeyed.version).toBe(2);
    expect(() => unkeyed.get("r00000")).toThrow(/not looked up by key/);
  });
});

describe("a grouped kind, which keeps no list of the whole kind", () => {
  it("reads whole as an ungrouped kind holds it, after every batch and a move between groups", () => {
    const grouped = new KindIndex<Row>(
      (r) => r.id,
      byId,
      (r) => r.group,
    );
    const whole = new KindIndex<Row>((r) => r.id, byId);
    const moved = { id: "r00004", group: "g9", v: 5 };
    for (const batch of [rows(600, 1), rows(300, 2, 3), [moved], rows(2, 6, 500)]) {
      for (const r of batch) grouped.put(r);
      for (const r of batch) whole.put(r);
      expect(grouped.all()).toEqual(whole.all());
      expect(grouped.size).toBe(whole.size);
    }
    expect(grouped.group("g9")).toEqual([moved]);
    expect(grouped.group("g1").some((r) => r.id === moved.id)).toBe(false);
    expect(grouped.all().find((r) => r.id === moved.id)).toBe(moved);
  });

  it("counts one record per identity when unkeyed, read whole or not", () => {
    const unkeyed = new KindIndex<Row>(undefined, byId, (r) => r.group);
    for (const r of [...rows(10, 1), ...rows(10, 2)]) unkeyed.put(r);
    expect(unkeyed.size).toBe(10);
    expect(unkeyed.all().map((r) => r.v)).toEqual(Array(10).fill(2));
  });
});
