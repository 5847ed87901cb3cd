// RFC 4180 CSV, read whole (experiment results, evidence packages) and written. Fields
// may be quoted (a doubled quote is a quote; commas and line breaks inside are text);
// CRLF and LF both end a record; blank lines are skipped. Each row keeps the physical
// line it starts on, for messages.

export interface CsvRow {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let start = 1;
  let quoted = false;
  let wasQuoted = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== "" || wasQuoted) rows.push({ line: start, fields });
    fields = [];
    field = "";
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && field === "" && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (char === '"') throw new CsvSyntaxError(line, "a quote inside an unquoted field");
    else if (wasQuoted && char !== "," && char !== "\n" && char !== "\r")
      throw new CsvSyntaxError(line, "text after a closing quote");
    else if (char === ",") {
      fields.push(field);
      field = "";
      wasQuoted = false;
    } else if (char === "\n") {
      endRecord();
      start = ++line;
    } else if (char !== "\r" || text[i + 1] !== "\n") field += char;
  }
  if (quoted) throw new CsvSyntaxError(start, "a quoted field is never closed");
  endRecord();
  return rows;
}

/** A field as RFC 4180 writes it: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}
