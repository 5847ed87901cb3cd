#!/usr/bin/env node
// The exporter runs its TypeScript sources directly. Node 22.18+ and 24 strip types
// natively; Node 22.12–22.17 needs a flag, so we re-run ourselves with it there.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `kpi-exporter needs Node.js 22.12 or later (this is ${process.version}); inside the repository, \`npx kpi-exporter\` and npm scripts use the pinned Node 24\n`,
  );
  process.exit(1);
}
if (process.features.typescript) {
  await import("../src/cli.ts");
} else {
  const flags = ["--experimental-strip-types", "--no-warnings=ExperimentalWarning"];
  const result = spawnSync(
    process.execPath,
    [...flags, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: "inherit",
    },
  );
  process.exit(result.status ?? 1);
}
