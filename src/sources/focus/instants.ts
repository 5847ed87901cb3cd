import { BoundedCache } from "./values.ts";

// FOCUS times: ISO 8601 in UTC (2024-09-01T00:00:00Z), or as the sample data and some
// database exports write them (2024-09-01 00:00:00, no zone: FOCUS times are UTC). Two
// per row make this the hottest parse of an import, so the usual shapes are read from
// their characters and anything else goes through a regular expression, once per text.

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function parseInstantText(text: string): number | undefined {
  const m = INSTANT.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = m;
  const ms = Date.UTC(+(y as string), +(mo as string) - 1, +(d as string), +h, +mi, +s);
  if (Number.isNaN(ms) || +(mo as string) > 12 || +(d as string) > 31) return undefined;
  const millis = frac ? Math.round(Number(frac) * 1000) : 0;
  if (zone === undefined || zone.toUpperCase() === "Z") return ms + millis;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.replace(/[+:-]/g, "");
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return ms + millis - sign * offset;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12), in integers. */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Two decimal digits at i, or -1 when either is not a digit. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SSZ`; undefined for any other shape. */
function fastInstant(text: string): number | undefined {
  const n = text.length;
  if (n !== 19 && !(n === 20 && text.charCodeAt(19) === 90)) return undefined;
  const sep = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (sep !== 32 && sep !== 84))
    return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return undefined;
  const days = daysSinceEpoch(century * 100 + yy, month, day);
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1_000;
}

export class InstantReader {
  private readonly cache = new BoundedCache<number | null>(100_000);
  private lastText = "";
  private lastMs = 0;

  /** Epoch ms, or undefined for a value that is no instant. */
  read(value: unknown): number | undefined {
    if (typeof value === "string") {
      // Exports list a period's rows together: the same text as the last row's, often.
      if (value === this.lastText) return this.lastMs;
      const ms = fastInstant(value) ?? this.parsed(value);
      if (ms !== undefined) {
        this.lastText = value;
        this.lastMs = ms;
      }
      return ms;
    }
    if (value instanceof Date) {
      const ms = value.getTime();
      return Number.isNaN(ms) ? undefined : ms;
    }
    return undefined;
  }

  private parsed(text: string): number | undefined {
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached ?? undefined;
    const ms = parseInstantText(text);
    this.cache.set(text, ms ?? null);
    return ms;
  }
}
