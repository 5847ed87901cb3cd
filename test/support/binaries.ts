import { spawnSync } from "node:child_process";

// Tests that need an external binary (promtool, prometheus) skip with a printed reason
// on a developer machine without it, and fail under CI=true, where .ci/run installs it.

export function findBinary(name: string): string | undefined {
  const result = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  const path = result.stdout.trim();
  return result.status === 0 && path ? path : undefined;
}

/**
 * The binary's path, or undefined after printing why its tests are skipped. Throws under CI.
 * `debianPackage` names the package that installs it, for the message.
 */
export function requireBinary(
  name: string,
  purpose: string,
  debianPackage = "prometheus",
): string | undefined {
  const path = findBinary(name);
  if (path) return path;
  const reason = `${name} is not on the PATH (Debian package ${debianPackage}); ${purpose}`;
  if (process.env.CI === "true") throw new Error(`${reason}: required under CI=true`);
  console.warn(`skipping: ${reason}`);
  return undefined;
}
