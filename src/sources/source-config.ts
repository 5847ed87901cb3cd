import type { z } from "zod";
import type { ConfigFile } from "../config/schema.ts";

// A source's own section of the config file, `sources.<name>`: the schema lives in the
// source's folder and the config loader (config-file.ts) validates the section with it, so
// the config layer below knows the sections only as names.

export interface SourceConfig<Section> {
  /** The key under `sources:`; also the source's name. */
  readonly name: string;
  readonly schema: z.ZodType<Section>;
  /** The section as the loader parsed it (defaults applied), or undefined when absent. */
  of(config: ConfigFile): Section | undefined;
}

export function sourceConfig<Section>(
  name: string,
  schema: z.ZodType<Section>,
): SourceConfig<Section> {
  return {
    name,
    schema,
    // Sound because every ConfigFile comes from the loader, which parsed this very key
    // with this very schema.
    of: (config) => config.sources[name] as Section | undefined,
  };
}
