import { randomUUID } from "node:crypto";
import { link, mkdir, open, readdir, readFile, unlink } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { type Archive, ArchiveObjectExists } from "./archive.ts";

// A directory as the archive: each object a read-only file created exclusively, so the
// exporter never replaces one. The lock's dates are in each segment's own header; keeping
// the files from deletion is the file system's job (decision 156).

async function walk(dir: string, root: string): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const keys: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) keys.push(...(await walk(path, root)));
    else if (entry.isFile() && !entry.name.endsWith(".draft"))
      keys.push(relative(root, path).split(sep).join("/"));
  }
  return keys;
}

export function directoryArchive(root: string): Archive {
  const pathOf = (key: string) => {
    if (key.split("/").some((part) => part === ".." || part === ""))
      throw new Error(`${root}: ${key} is not an archive key`);
    return join(root, ...key.split("/"));
  };
  return {
    location: root,
    async put(key, body) {
      const path = pathOf(key);
      const dir = dirname(path);
      await mkdir(dir, { recursive: true });
      // Written whole under a temporary name, flushed, then linked to its own name, which
      // fails if taken: a crash never leaves a cut-short object under the real name.
      const draft = join(dir, `.${basename(path)}.${process.pid}.${randomUUID()}.draft`);
      const file = await open(draft, "wx", 0o444);
      try {
        await file.writeFile(body);
        await file.sync();
      } finally {
        await file.close();
      }
      try {
        await link(draft, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST")
          throw new ArchiveObjectExists(key, root);
        throw error;
      } finally {
        await unlink(draft);
      }
      const directory = await open(dir, "r");
      await directory.sync().finally(() => directory.close());
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    list: async (prefix) => (await walk(root, root)).filter((key) => key.startsWith(prefix)).sort(),
    hold: async () => false,
  };
}
