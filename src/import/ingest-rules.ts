import type { ConfigFile } from "../config/schema.ts";
import { nearestName } from "../domain/nearest-name.ts";

// The catalogue and currency settings an import applies to every line, resolved once
// per import rather than searched per record.

export interface IngestRules {
  config: ConfigFile;
  /** Whether a record may name this service. */
  acceptsService(service: string): boolean;
  /** The catalogue's services, for a did-you-mean on one it lacks. */
  services: readonly string[];
  /** The catalogue's service nearest to one it lacks, remembered per name. */
  nearestService(service: string): string | undefined;
  /** Reporting-currency value of one unit of currency, or undefined without a rate. */
  rateOf(currency: string): number | undefined;
  /** Whether a line with an unknown field is rejected rather than stored with a warning. */
  strict: boolean;
}

export function ingestRules(config: ConfigFile, strict = false): IngestRules {
  const catalogue = new Set(config.teams.flatMap((team) => team.services.map((s) => s.name)));
  const acceptUnknown = config.catalogue.accept_unknown_services;
  const rates = new Map(Object.entries(config.currency_rates));
  // The reporting currency converts at exactly 1, whatever currency_rates says about it.
  rates.set(config.currency, 1);
  return {
    config,
    acceptsService: (service) => acceptUnknown || catalogue.has(service),
    services: [...catalogue],
    nearestService: rememberNearest([...catalogue]),
    rateOf: (currency) => rates.get(currency),
    // The operator's config can only be tightened per import, never loosened.
    strict: strict || config.import.strict,
  };
}

/**
 * Distinct names guessed per import. A file refusing a million lines for one typo guesses
 * once; a body of a million distinct names stops guessing after these (each guess compares
 * the name with every service).
 */
const NAMES_GUESSED = 100;

function rememberNearest(known: readonly string[]) {
  const seen = new Map<string, string | undefined>();
  return (name: string): string | undefined => {
    if (seen.has(name)) return seen.get(name);
    if (seen.size >= NAMES_GUESSED) return undefined;
    const near = nearestName(name, known);
    seen.set(name, near);
    return near;
  };
}
