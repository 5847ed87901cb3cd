import { parseDocument } from "yaml";
import type { z } from "zod";
import { nearestName } from "../domain/nearest-name.ts";
import { exportedEnvironmentIssues } from "./exported-environments.ts";
import { type ConfigFile, configSchema } from "./schema.ts";
import { inputAt, keysAt } from "./schema-keys.ts";

export interface ConfigIssue {
  path: string;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(source: string, issues: ConfigIssue[]) {
    super(
      `invalid config ${source}:\n${issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}`,
    );
    this.issues = issues;
  }
}

function pathOf(path: PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i ? "." : ""}${String(part)}`))
    .join("");
}

/** An unknown key with no near match lists the known ones when they are this few or fewer. */
const KEYS_LISTED = 12;

function zodIssues(error: z.ZodError, schema: z.ZodType, value: unknown): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    const path = pathOf(issue.path);
    const missing = issue.code === "invalid_type" || issue.code === "invalid_union";
    if (missing && inputAt(value, issue.path) === undefined) return [{ path, message: "required" }];
    // zod opens most messages with "Invalid input: ", which says nothing the path does not.
    const own = { path, message: issue.message.replace(/^Invalid input: /, "") };
    if (issue.code !== "unrecognized_keys") return [own];
    // One issue per key, with the known key it was probably meant to be, or the few known;
    // where the schema names no keys (a record, as alert overrides), its own message stays.
    const known = keysAt(schema, issue.path);
    if (known.length === 0) return [own];
    return issue.keys.map((key) => {
      const near = nearestName(key, known);
      const hint =
        near !== undefined
          ? ` (did you mean "${near}"?)`
          : known.length <= KEYS_LISTED
            ? `; known here: ${known.join(", ")}`
            : "";
      return { path: pathOf([...issue.path, key]), message: `unknown key${hint}` };
    });
  });
}

/** Checks no zod schema can express: names unique across the catalogue. */
function catalogueIssues(config: ConfigFile): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const teams = new Set<string>();
  const services = new Map<string, string>();
  config.teams.forEach((team, t) => {
    if (teams.has(team.name))
      issues.push({ path: `teams[${t}].name`, message: `duplicate team ${team.name}` });
    teams.add(team.name);
    team.services.forEach((service, s) => {
      const owner = services.get(service.name);
      if (owner !== undefined)
        issues.push({
          path: `teams[${t}].services[${s}].name`,
          message: `service ${service.name} already belongs to team ${owner}`,
        });
      services.set(service.name, team.name);
    });
  });
  issues.push(...sharedRepositoryIssues(config));
  issues.push(...exportedEnvironmentIssues(config));
  if (new Set(config.windows).size !== config.windows.length)
    issues.push({ path: "windows", message: "windows must be distinct" });
  return issues;
}

/**
 * Services sharing a repository (a monorepo) must each say which paths are theirs, or
 * every change would count once per service.
 */
function sharedRepositoryIssues(config: ConfigFile): ConfigIssue[] {
  const owners = new Map<string, string[]>();
  for (const team of config.teams)
    for (const service of team.services)
      for (const repository of service.repositories ?? []) {
        const key = repository.toLowerCase();
        owners.set(key, [...(owners.get(key) ?? []), service.name]);
      }
  const issues: ConfigIssue[] = [];
  config.teams.forEach((team, t) => {
    team.services.forEach((service, s) => {
      const shared = (service.repositories ?? []).find(
        (r) => (owners.get(r.toLowerCase())?.length ?? 0) > 1,
      );
      if (shared !== undefined && !service.github?.paths?.length)
        issues.push({
          path: `teams[${t}].services[${s}].github.paths`,
          message: `required: repository ${shared} is shared by ${owners.get(shared.toLowerCase())?.join(", ")}, so each service lists the path prefixes that are its own`,
        });
    });
  });
  return issues;
}

/**
 * Validates a parsed YAML value against `schema`, the core schema extended with the
 * sources' sections (src/sources/config-file.ts); throws ConfigError listing every problem.
 */
export function validateConfig(
  schema: z.ZodType<ConfigFile>,
  value: unknown,
  source = "config",
): ConfigFile {
  const result = schema.safeParse(value ?? { version: "kpi-exporter/v1" });
  if (!result.success) throw new ConfigError(source, zodIssues(result.error, schema, value));
  const issues = catalogueIssues(result.data);
  if (issues.length) throw new ConfigError(source, issues);
  return result.data;
}

/** The YAML document in `text`, or ConfigError naming the line of each syntax error. */
export function configDocument(text: string, source = "config"): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length)
    throw new ConfigError(
      source,
      doc.errors.map((e) => ({ path: `line ${e.linePos?.[0]?.line ?? "?"}`, message: e.message })),
    );
  return doc.toJS();
}

/** The embedded default: an empty catalogue with every contract default and no source. */
export function defaultConfig(): ConfigFile {
  return validateConfig(configSchema, { version: "kpi-exporter/v1" });
}
