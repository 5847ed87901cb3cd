import { readFile } from "node:fs/promises";
import { z } from "zod";
import { configDocument, validateConfig } from "../config/load.ts";
import { type ConfigFile, configSchema } from "../config/schema.ts";
import { SOURCES } from "./index.ts";

// The config file as every command reads it: the core schema (src/config) with
// `sources:` validated section by section by the schemas the sources' folders define, so
// adding a source adds its section without touching the config layer.

const sourcesSchema = z.strictObject(
  Object.fromEntries(
    SOURCES.flatMap((source) =>
      source.config ? [[source.config.name, source.config.schema.optional()]] : [],
    ),
  ),
);

const fileSchema = configSchema.extend({ sources: sourcesSchema.default({}) });

/** Validates a parsed YAML value; throws ConfigError listing every problem. */
export function parseConfig(value: unknown, source = "config"): ConfigFile {
  return validateConfig(fileSchema, value, source);
}

export function parseConfigText(text: string, source = "config"): ConfigFile {
  return parseConfig(configDocument(text, source), source);
}

export async function loadConfigFile(file: string): Promise<ConfigFile> {
  return parseConfigText(await readFile(file, "utf8"), file);
}
