// A small structured logger: one line per event on stderr, so stdout stays clean for
// command output such as `kpi-exporter metrics`. logfmt by default (what a person reads
// in a terminal and Loki parses), JSON for collectors that want it: LOG_FORMAT=json.
// LOG_LEVEL=warn or error keeps routine lines out.

export type Fields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

export const LOG_LEVELS = ["error", "warn", "info"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ["logfmt", "json"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  write?: (text: string) => void;
}

function quote(value: string): string {
  return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
}

/** Keys every line opens with: a field of the same name is left out, in either format. */
const RESERVED = new Set(["time", "level", "msg"]);

function logfmt(level: string, message: string, fields: Fields): string {
  const parts = [`time=${new Date().toISOString()}`, `level=${level}`, `msg=${quote(message)}`];
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined && !RESERVED.has(key)) parts.push(`${key}=${quote(String(value))}`);
  return `${parts.join(" ")}\n`;
}

/** One JSON object per line; field values as text, as logfmt writes them. */
function json(level: string, message: string, fields: Fields): string {
  const line: Record<string, string> = { time: new Date().toISOString(), level, msg: message };
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined && !RESERVED.has(key)) line[key] = String(value);
  return `${JSON.stringify(line)}\n`;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((t: string) => process.stderr.write(t));
  const format = options.format === "json" ? json : logfmt;
  const shown = LOG_LEVELS.indexOf(options.level ?? "info");
  const at =
    (level: LogLevel) =>
    (message: string, fields: Fields = {}): void => {
      if (LOG_LEVELS.indexOf(level) <= shown) write(format(level, message, fields));
    };
  return { info: at("info"), warn: at("warn"), error: at("error") };
}

/**
 * A variable's value among `allowed` (any case), its default when unset or empty. `also`
 * maps names other tools use onto ours: LOG_LEVEL=debug is often set for a whole pod.
 */
function choice<T extends string>(
  name: string,
  allowed: readonly T[],
  fallback: T,
  also: Record<string, T> = {},
): T {
  const given = process.env[name]?.trim().toLowerCase();
  if (!given) return fallback;
  if ((allowed as readonly string[]).includes(given)) return given as T;
  if (Object.hasOwn(also, given)) return also[given] as T;
  const names = [...allowed, ...Object.keys(also)].join(", ");
  throw new Error(`${name}: "${process.env[name]}" is not one of ${names}`);
}

/** The logger LOG_LEVEL and LOG_FORMAT ask for; throws naming a variable with a bad value. */
export function loggerFromEnv(write?: (text: string) => void): Logger {
  return createLogger({
    // Nothing logs below info yet: debug and trace show what info shows.
    level: choice<LogLevel>("LOG_LEVEL", LOG_LEVELS, "info", { debug: "info", trace: "info" }),
    format: choice<LogFormat>("LOG_FORMAT", LOG_FORMATS, "logfmt"),
    ...(write && { write }),
  });
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
