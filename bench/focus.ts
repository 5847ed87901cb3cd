// The FOCUS section of `npm run bench` (bench/run.ts spawns it): a 10-million-row FOCUS
// CSV is written to a temporary file, streamed out, then imported by a child process into
// a PGlite data directory that another child created first (PGlite's first start peaks
// far above its running size), so the peak RSS printed is the import's. Prints rows per
// second and peak RSS; asserts nothing. BENCH_FOCUS_ROWS shrinks it.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFocusExport } from "./focus-data.ts";

const rows = Number(process.env.BENCH_FOCUS_ROWS ?? 10_000_000);
if (!Number.isInteger(rows) || rows < 1) throw new Error("BENCH_FOCUS_ROWS: a positive integer");
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const child = (script: string, args: string[]) =>
  execFileSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], {
    stdio: "inherit",
  });

const dir = await mkdtemp(join(tmpdir(), "kpi-bench-focus-"));
// The export is gigabytes: an interrupted run must not leave it behind.
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
try {
  const file = join(dir, "focus-bench.csv");
  const started = performance.now();
  const generated = await writeFocusExport(file, rows);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `FOCUS export: ${rows.toLocaleString("en")} rows, ${mb(generated.bytes)} written in ${seconds} s`,
  );
  const dataDir = join(dir, "store");
  execFileSync(process.execPath, [
    "--input-type=module",
    "-e",
    `const { openStore } = await import(${JSON.stringify(new URL("../src/store/open.ts", import.meta.url).href)});
     await (await openStore({ dataDir: ${JSON.stringify(dataDir)} })).close();`,
  ]);
  child("./focus-import.ts", [file, dataDir, String(generated.totalUsd)]);
} finally {
  await rm(dir, { recursive: true, force: true });
}
