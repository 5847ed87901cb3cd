import type { EngineConfig } from "../config/engine-config.ts";
import type { EpochMs } from "../domain/records.ts";

/**
 * A result computed from a whole record kind (every cost row, every finding), kept while
 * no record of the kind is written, the config is the same object and asOf stays between
 * the asOf it was computed at and the instant it stops holding.
 */
export class KeptWhole<T> {
  readonly #version: () => number;
  #kept:
    | { version: number; config: EngineConfig; asOf: EpochMs; until: EpochMs; value: T }
    | undefined;

  /** `version` grows with every write of the kind (KindIndex.version). */
  constructor(version: () => number) {
    this.#version = version;
  }

  get(config: EngineConfig, asOf: EpochMs, build: () => { value: T; validUntil: EpochMs }): T {
    const version = this.#version();
    const kept = this.#kept;
    if (
      kept?.version === version &&
      kept.config === config &&
      asOf >= kept.asOf &&
      asOf < kept.until
    )
      return kept.value;
    const { value, validUntil } = build();
    this.#kept = { version, config, asOf, until: validUntil, value };
    return value;
  }
}
