import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Many files spend most of their time waiting on processes they start (serve, Prometheus,
    // promtool, Chromium): on a two-CPU machine vitest's default of one file at a time leaves
    // a CPU idle, and two at a time cut the suite from about 27 to about 18 minutes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
