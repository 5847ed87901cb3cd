import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

// The import graph of src/, read from the files themselves: no two files import each other
// through any loop, and no folder imports from a layer above its own (README, code map).

const SRC = fileURLToPath(new URL("../../src", import.meta.url));

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

/**
 * Folders from the ground floor up: a folder imports only from its own layer or below, so
 * folders can never import each other through any loop. A new folder gets its layer here.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["vocabulary", "domain", "logger", "version"],
  ["config"],
  ["store", "archive"],
  ["engine", "import"],
  ["evidence", "demo"],
  ["retention", "explain", "reports", "rules", "dashboards"],
  ["sources"],
  ["http"],
  ["cli"],
];
const layerOf = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));

/** Folder-level loops ("a -> b -> a"), found by a walk over the folders' import edges. */
function folderLoops(graph: Map<string, Set<string>>): string[] {
  const edges = new Map<string, Set<string>>();
  for (const [file, targets] of graph)
    for (const target of targets) {
      const [from, to] = [folderOf(file), folderOf(target)];
      if (graph.has(target) && from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  const state = new Map<string, "open" | "done">();
  const loops: string[] = [];
  const visit = (folder: string, path: string[]) => {
    if (state.get(folder) === "done") return;
    if (state.get(folder) === "open") {
      loops.push([...path.slice(path.indexOf(folder)), folder].join(" -> "));
      return;
    }
    state.set(folder, "open");
    for (const next of edges.get(folder) ?? []) visit(next, [...path, folder]);
    state.set(folder, "done");
  };
  for (const folder of edges.keys()) visit(folder, []);
  return loops;
}

test("no two folders import each other through any loop, within a layer or across", () => {
  expect(folderLoops(importGraph())).toEqual([]);
});

test("a loop between two folders of one layer is found", () => {
  const [engine, importer] = [join(SRC, "engine/a.ts"), join(SRC, "import/b.ts")];
  const graph = new Map([
    [engine, new Set([importer])],
    [importer, new Set([engine])],
  ]);
  expect(folderLoops(graph)).toEqual(["engine -> import -> engine"]);
});

/** Imports from a folder to one in a higher layer, as "from -> to" file pairs. */
function upwardImports(graph: Map<string, Set<string>>): string[] {
  const upward: string[] = [];
  for (const [file, targets] of graph)
    for (const target of targets) {
      if (!graph.has(target)) continue; // package.json and other files outside src/
      if (layerOf(folderOf(target)) > layerOf(folderOf(file)))
        upward.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
    }
  return upward;
}

test("every folder of src has a layer", () => {
  const folders = new Set([...importGraph().keys()].map(folderOf));
  expect([...folders].filter((f) => layerOf(f) < 0)).toEqual([]);
});

test("no folder imports from a layer above its own", () => {
  expect(upwardImports(importGraph())).toEqual([]);
});

test("an import from the store into the engine counts as upward", () => {
  const store = join(SRC, "store/store.ts");
  const engine = join(SRC, "engine/snapshot.ts");
  const graph = new Map([
    [store, new Set([engine])],
    [engine, new Set([store])],
  ]);
  expect(upwardImports(graph)).toEqual(["store/store.ts -> engine/snapshot.ts"]);
});
