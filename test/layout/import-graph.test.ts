import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

// The import graph of src/, read from the files themselves: no two files import each other
// through any loop, and folders import each other only in the two pairs still being taken
// apart (issue 13: the import kernel from the sources, the ledger's sealing from the store).

const SRC = fileURLToPath(new URL("../../src", import.meta.url));
const KNOWN_FOLDER_LOOPS = ["evidence <-> store", "import <-> sources"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+"(\.[^"]+)"/gms)].map(
      (m) => resolve(dirname(file), m[1] as string),
    );
    graph.set(file, new Set(targets));
  }
  return graph;
}

const folderOf = (file: string) => relative(SRC, file).split("/")[0]?.replace(/\.ts$/, "") ?? "";

test("no file takes part in an import loop", () => {
  const graph = importGraph();
  const state = new Map<string, "open" | "done">();
  const loops: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      const loop = path.slice(path.indexOf(file));
      loops.push([...loop, file].map((f) => relative(SRC, f)).join(" -> "));
      return;
    }
    state.set(file, "open");
    for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...path, file]);
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
  expect(loops).toEqual([]);
});

test("folders import each other only in the pairs known to be in progress", () => {
  const edges = new Set<string>();
  for (const [file, targets] of importGraph())
    for (const target of targets)
      if (folderOf(file) !== folderOf(target))
        edges.add(`${folderOf(file)} -> ${folderOf(target)}`);
  const loops = [...edges]
    .map((edge) => edge.split(" -> ") as [string, string])
    .filter(([a, b]) => a < b && edges.has(`${b} -> ${a}`))
    .map(([a, b]) => `${a} <-> ${b}`);
  expect(loops.sort()).toEqual(KNOWN_FOLDER_LOOPS);
});
