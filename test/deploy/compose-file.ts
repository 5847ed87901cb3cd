import { readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { parse } from "yaml";
import { REPO } from "../support/cli.ts";

// docker-compose.yml and the Dockerfile read the way Docker would, without Docker: the
// `${VAR:-default}` interpolation of Compose, and each bind mount's host path, so the
// tests can run what the containers would run from the repository's own files.

export type Env = Record<string, string | undefined>;

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}; $$ is a dollar.
const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])((?:[^}$]|\$\$)*))?\}/g;

export function interpolate(text: string, env: Env): string {
  return text.replace(VARIABLE, (whole, name: string, colon: string, op: string, arg = "") => {
    if (whole === "$$") return "$";
    const value = env[name];
    const unset = value === undefined || (colon === ":" && value === "");
    if (op === "?" && unset) throw new Error(`${name}: ${arg}`);
    if (op === "-" && unset) return arg;
    return value ?? "";
  });
}

function interpolateAll(value: unknown, env: Env): unknown {
  if (typeof value === "string") return interpolate(value, env);
  if (Array.isArray(value)) return value.map((v) => interpolateAll(v, env));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, env)]));
  return value;
}

export const COMPOSE_FILE = join(REPO, "docker-compose.yml");

/** docker-compose.yml as Compose would see it with this environment (none set by default). */
export function loadCompose(env: Env = {}): ComposeFile {
  return interpolateAll(parse(readFileSync(COMPOSE_FILE, "utf8")), env) as ComposeFile;
}

export interface Mount {
  source: string;
  target: string;
  /** Repository-relative host path of a bind mount; undefined for a named volume. */
  hostPath?: string;
}

export function mounts(service: ComposeService): Mount[] {
  return (service.volumes ?? []).map((spec) => {
    const [source = "", target = ""] = spec.split(":");
    const bind = source.startsWith(".") || isAbsolute(source);
    return { source, target, hostPath: bind ? relative(REPO, join(REPO, source)) : undefined };
  });
}

/** The repository path a container path of the service comes from, through its bind mounts. */
export function hostPathOf(service: ComposeService, containerPath: string): string | undefined {
  for (const mount of mounts(service)) {
    if (mount.hostPath === undefined) continue;
    if (containerPath === mount.target) return mount.hostPath;
    if (containerPath.startsWith(`${mount.target}/`))
      return join(mount.hostPath, containerPath.slice(mount.target.length + 1));
  }
  return undefined;
}

export interface Dockerfile {
  workdir: string;
  expose: string[];
  entrypoint: string[];
  cmd: string[];
  healthcheck: string[];
  copies: string[];
  /** ENV of the runtime stage. */
  env: Record<string, string>;
}

/** The runtime stage of the Dockerfile: the instructions after its last FROM. */
export function loadDockerfile(): Dockerfile {
  const text = readFileSync(join(REPO, "Dockerfile"), "utf8").replace(/\\\n/g, " ");
  const stages = text.split(/^FROM /m);
  const runtime = stages.at(-1) ?? "";
  const json = (pattern: RegExp): string[] => JSON.parse(pattern.exec(runtime)?.[1] ?? "[]");
  return {
    workdir: /^WORKDIR (\S+)/m.exec(runtime)?.[1] ?? "/",
    expose: [...runtime.matchAll(/^EXPOSE (\d+)/gm)].map((m) => m[1] as string),
    entrypoint: json(/^ENTRYPOINT (\[.*\])$/m),
    cmd: json(/^CMD (\[.*\])$/m),
    healthcheck: json(/^HEALTHCHECK .*?CMD (\[.*\])$/m),
    copies: [...runtime.matchAll(/^COPY (?!--from)(\S+) /gm)].map((m) => m[1] as string),
    env: Object.fromEntries(
      [...runtime.matchAll(/^ENV (\w+)=(\S+)$/gm)].map((m) => [m[1] as string, m[2] as string]),
    ),
  };
}
