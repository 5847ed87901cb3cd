import { readFileSync } from "node:fs";

// Secrets never live in the config file: each comes from an environment variable, or
// from the file named by NAME_FILE (Docker and Kubernetes secrets). Values are never
// logged; errors name the variable, not its content.

export type Env = Record<string, string | undefined>;

export function readSecret(name: string, env: Env = process.env): string | undefined {
  const direct = env[name];
  if (direct !== undefined && direct !== "") return direct;
  const file = env[`${name}_FILE`];
  if (file === undefined || file === "") return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(
      `cannot read ${name}_FILE (${file}): ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  const value = text.trim();
  if (!value) throw new Error(`${name}_FILE (${file}) is empty`);
  return value;
}
