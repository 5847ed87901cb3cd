// A small structured logger: one logfmt line per event on stderr, so stdout stays
// clean for command output such as `kpi-exporter metrics`.

export type Fields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

function quote(value: string): string {
  return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
}

function line(level: string, message: string, fields: Fields = {}): string {
  const parts = [`time=${new Date().toISOString()}`, `level=${level}`, `msg=${quote(message)}`];
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined) parts.push(`${key}=${quote(String(value))}`);
  return `${parts.join(" ")}\n`;
}

export function createLogger(
  write: (text: string) => void = (t) => process.stderr.write(t),
): Logger {
  return {
    info: (message, fields) => write(line("info", message, fields)),
    warn: (message, fields) => write(line("warn", message, fields)),
    error: (message, fields) => write(line("error", message, fields)),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
