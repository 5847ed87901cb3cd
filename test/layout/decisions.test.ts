import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

// METRICS.md is the user reference; its numbered decisions live by area in docs/decisions/.
// Numbers are global and kept when decisions move, so a comment's "decision N" stays true:
// every number appears once, the index names the file of each, and the KPI table cites
// only decisions that exist.

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const DIR = join(REPO, "docs/decisions");
const metrics = readFileSync(join(REPO, "METRICS.md"), "utf8");

/** Decision number → the area file holding it, each number counted once per occurrence. */
function decisionsByFile(): Array<[number, string]> {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".md"))
    .flatMap((file) =>
      [...readFileSync(join(DIR, file), "utf8").matchAll(/^(\d+)\. \*\*/gm)].map(
        (m): [number, string] => [Number(m[1]), file],
      ),
    );
}

/** "1–18, 23–25, 118" → [1 … 18, 23, 24, 25, 118]. */
function expand(list: string): number[] {
  return list.split(",").flatMap((part) => {
    const [from, to = from] = part.trim().split("–").map(Number) as [number, number?];
    return Array.from({ length: (to as number) - from + 1 }, (_, i) => from + i);
  });
}

test("every decision number from 1 up appears once, in one area file", () => {
  const numbers = decisionsByFile().map(([n]) => n);
  expect(numbers.length).toBeGreaterThan(150);
  expect([...numbers].sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
});

test("METRICS.md's index names the file of every decision", () => {
  const listed = new Map<number, string>();
  for (const m of metrics.matchAll(
    /^\| \[[^\]]+\]\(docs\/decisions\/([a-z-]+\.md)\) \| ([^|]+) \|/gm,
  ))
    for (const n of expand(m[2] as string)) listed.set(n, m[1] as string);
  expect(expand("1–3, 5")).toEqual([1, 2, 3, 5]);
  expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(decisionsByFile()));
});

test("the KPI table cites only decisions that exist", () => {
  const known = new Set(decisionsByFile().map(([n]) => n));
  const section = metrics.slice(metrics.indexOf("## KPIs"), metrics.indexOf("### Performance"));
  const rows = section.split("\n").filter((line) => line.startsWith("| `"));
  expect(rows.length).toBeGreaterThan(20);
  for (const row of rows) {
    const cited = (row.split("|").at(-2) ?? "").trim();
    const numbers = cited === "levels below" ? [] : expand(cited);
    for (const n of numbers) expect(known.has(n), `${row.slice(0, 50)} cites ${n}`).toBe(true);
  }
});
