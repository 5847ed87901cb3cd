// An RFC 4180 CSV scanner for billing exports of many gigabytes. Text arrives in chunks
// of any size; only the columns a caller asked for are sliced out of it, the others are
// skipped with indexOf, so a 44-column row costs little more than its commas.

const QUOTE = 34;
const COMMA = 44;
const CR = 13;

export interface CsvRecord {
  /** The wanted fields in slot order; meaningful only when fieldCount is the header's. */
  values: string[];
  /** How many fields the record had. */
  fieldCount: number;
  /** Physical line of the record's first character, 1-based. */
  line: number;
}

export class CsvError extends Error {}

export class CsvScanner {
  /** Column index → output slot, or -1 to skip. Unset: every field is kept (the header). */
  private slots: Int32Array | undefined;
  private readonly record: CsvRecord = { values: [], fieldCount: 0, line: 1 };
  private rest = "";
  private line = 1;
  private readonly onRecord: (record: CsvRecord) => void;

  constructor(onRecord: (record: CsvRecord) => void) {
    this.onRecord = onRecord;
  }

  /** From the next record on, keep only these columns: slots[column] = slot or -1. */
  select(slots: Int32Array, slotCount: number): void {
    this.slots = slots;
    this.record.values = new Array<string>(slotCount).fill("");
  }

  push(chunk: string): void {
    if (this.rest.length === 0) {
      this.rest = chunk.slice(this.scan(chunk, 0));
      return;
    }
    // Complete the pending record with the chunk's first line, then scan the chunk in
    // place: joining them would copy every chunk once more.
    const firstLine = chunk.indexOf("\n") + 1;
    const head = this.rest + chunk.slice(0, firstLine);
    const stop = firstLine === 0 ? 0 : this.scan(head, 0);
    if (firstLine > 0 && stop === head.length) {
      this.rest = chunk.slice(this.scan(chunk, firstLine));
      return;
    }
    // A quoted field runs on over several lines: scan the remainder as one text.
    const text = head.slice(stop) + chunk.slice(firstLine);
    this.rest = text.slice(this.scan(text, 0));
  }

  /** Flushes a last record that has no line break after it. */
  end(): void {
    if (this.rest.length === 0) return;
    const text = `${this.rest}\n`;
    if (this.scan(text, 0) < text.length)
      throw new CsvError(`line ${this.line}: a quoted field is never closed`);
    this.rest = "";
  }

  /** Emits every complete record from pos on; returns where the first incomplete one starts. */
  private scan(text: string, from: number): number {
    let pos = from;
    const record = this.record;
    for (;;) {
      let lineEnd = text.indexOf("\n", pos);
      if (lineEnd === -1) return pos;
      if (lineEnd === pos || (lineEnd === pos + 1 && text.charCodeAt(pos) === CR)) {
        this.line++;
        pos = lineEnd + 1;
        continue;
      }
      const start = pos;
      const slots = this.slots;
      const values = slots ? record.values : [];
      let field = 0;
      let extraLines = 0;
      for (;;) {
        const slot = slots ? (field < slots.length ? (slots[field] as number) : -1) : field;
        if (text.charCodeAt(pos) === QUOTE) {
          let from = pos + 1;
          let escaped = false;
          let close = text.indexOf('"', from);
          // A doubled quote is a literal quote; a quote at the very end may be one too.
          while (close !== -1 && close + 1 < text.length && text.charCodeAt(close + 1) === QUOTE) {
            escaped = true;
            from = close + 2;
            close = text.indexOf('"', from);
          }
          if (close === -1 || close + 1 >= text.length) return start;
          if (slot >= 0) {
            const raw = text.slice(pos + 1, close);
            values[slot] = escaped ? raw.replaceAll('""', '"') : raw;
          }
          if (close > lineEnd) {
            extraLines += countLineBreaks(text, lineEnd, close);
            lineEnd = text.indexOf("\n", close);
            if (lineEnd === -1) return start;
          }
          pos = close + 1;
          const next = text.charCodeAt(pos);
          field++;
          if (next === COMMA) {
            pos++;
            continue;
          }
          if (pos === lineEnd || (next === CR && pos + 1 === lineEnd)) break;
          throw new CsvError(`line ${this.line + extraLines}: text after a closing quote`);
        }
        const comma = text.indexOf(",", pos);
        if (comma === -1 || comma > lineEnd) {
          const end = text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
          if (slot >= 0) values[slot] = text.slice(pos, Math.max(pos, end));
          field++;
          break;
        }
        if (slot >= 0) values[slot] = text.slice(pos, comma);
        pos = comma + 1;
        field++;
      }
      pos = lineEnd + 1;
      record.fieldCount = field;
      record.line = this.line;
      if (!slots) record.values = values;
      this.line += 1 + extraLines;
      this.onRecord(record);
    }
  }
}

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
