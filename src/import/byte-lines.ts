import { isUtf8 } from "node:buffer";

// Lines cut from bytes, not from decoded text: a decoder would replace a malformed byte
// with U+FFFD without a word, changing the ids it stands in, and would hold a line of any
// length in memory. Each line is checked on its own, so one bad line is rejected by number
// and the rest of the input is stored (decision 151).

/** Longest line read, in bytes: far above any real record, low enough to bound memory. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** A line the importer cannot read as text: it is rejected with this code and message. */
export class UnreadableLine {
  readonly code: "invalid_encoding" | "limit_exceeded";
  readonly message: string;
  constructor(code: UnreadableLine["code"], message: string) {
    this.code = code;
    this.message = message;
  }
}

export type InputLine = string | UnreadableLine;

const tooLong = (maxBytes: number) =>
  new UnreadableLine("limit_exceeded", `line longer than ${maxBytes} bytes`);

/** A line that arrived as text (a decoded request body), held to the same byte limit. */
export function limitedText(line: string, maxBytes = MAX_LINE_BYTES): InputLine {
  // Up to 4 bytes a character: a line this short cannot be over, whatever it holds.
  return line.length * 4 > maxBytes && Buffer.byteLength(line) > maxBytes
    ? tooLong(maxBytes)
    : line;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function lineOf(bytes: Buffer, maxBytes: number): InputLine {
  const end = bytes.at(-1) === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
  const content = bytes.subarray(0, end);
  if (content.length > maxBytes) return tooLong(maxBytes);
  if (!isUtf8(content))
    return new UnreadableLine(
      "invalid_encoding",
      `line is not valid UTF-8 (${firstBadByte(content)})`,
    );
  return content.toString("utf8");
}

/**
 * Where the first malformed sequence starts, for the message: the first U+FFFD a lenient
 * decoding puts where the bytes are not the encoding of U+FFFD itself (EF BF BD).
 */
function firstBadByte(bytes: Buffer): string {
  const text = bytes.toString("utf8");
  let at = 0;
  for (const char of text) {
    if (
      char === "\uFFFD" &&
      !(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd)
    )
      return `at byte ${at + 1}`;
    at += char === "\uFFFD" ? 3 : Buffer.byteLength(char);
  }
  return `at byte ${at + 1}`;
}

/**
 * Splits chunks into lines. Bytes past the limit are counted, not kept, so an endless line
 * costs at most the limit in memory.
 */
export class LineSplitter {
  #parts: Buffer[] = [];
  #kept = 0;
  #dropped = false;
  readonly maxBytes: number;

  constructor(maxBytes = MAX_LINE_BYTES) {
    this.maxBytes = maxBytes;
  }

  *push(chunk: Buffer): Generator<InputLine> {
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
      this.#keep(chunk.subarray(start, at));
      yield this.#take();
      start = at + 1;
    }
    this.#keep(chunk.subarray(start));
  }

  /** The last line, when the input does not end with a newline. */
  *end(): Generator<InputLine> {
    if (this.#kept > 0 || this.#dropped) yield this.#take();
  }

  #keep(bytes: Buffer): void {
    if (bytes.length === 0) return;
    // One byte beyond the limit is kept so that the line is known to be too long.
    const room = this.maxBytes + 2 - this.#kept;
    if (bytes.length > room) this.#dropped = true;
    const kept = bytes.subarray(0, Math.max(0, room));
    if (kept.length === 0) return;
    this.#parts.push(kept);
    this.#kept += kept.length;
  }

  #take(): InputLine {
    const bytes = Buffer.concat(this.#parts, this.#kept);
    this.#parts = [];
    this.#kept = 0;
    const dropped = this.#dropped;
    this.#dropped = false;
    if (dropped) return tooLong(this.maxBytes);
    return lineOf(bytes, this.maxBytes);
  }
}

/** The lines of a byte stream (a file), each checked as UTF-8 and against the length limit. */
export async function* streamLines(
  chunks: AsyncIterable<Buffer>,
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<InputLine> {
  const splitter = new LineSplitter(maxBytes);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}

/** The lines of a buffered body. */
export function bufferLines(body: Buffer, maxBytes = MAX_LINE_BYTES): InputLine[] {
  const splitter = new LineSplitter(maxBytes);
  return [...splitter.push(body), ...splitter.end()];
}
