// Scanner reports are JSON documents of thousands of lines, so a complaint about one of
// them must say which line. JSON.parse knows no positions (V8 gives none for most syntax
// errors), so this small recursive-descent pass finds the line of a syntax error, or of
// the value at a field path that failed validation.

class SyntaxAt extends Error {
  readonly offset: number;
  constructor(offset: number) {
    super("JSON syntax error");
    this.offset = offset;
  }
}

const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Walker {
  pos = 0;
  /** Offset of the deepest value reached along `path`. */
  found = 0;
  private readonly text: string;
  private readonly path: readonly PropertyKey[];

  constructor(text: string, path: readonly PropertyKey[]) {
    this.text = text;
    this.path = path;
  }

  document(): void {
    this.value(0, true);
    this.space();
    if (this.pos < this.text.length) throw new SyntaxAt(this.pos);
  }

  private space(): void {
    while (/[ \t\r\n]/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  private expect(char: string): void {
    this.space();
    if (this.text[this.pos] !== char) throw new SyntaxAt(this.pos);
    this.pos++;
  }

  private value(depth: number, onPath: boolean): void {
    this.space();
    if (onPath) this.found = this.pos;
    const char = this.text[this.pos];
    if (char === "{") this.members(depth, onPath);
    else if (char === "[") this.elements(depth, onPath);
    else if (char === '"') this.string();
    else {
      LITERAL.lastIndex = this.pos;
      if (!LITERAL.test(this.text)) throw new SyntaxAt(this.pos);
      this.pos = LITERAL.lastIndex;
    }
  }

  private members(depth: number, onPath: boolean): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === "}") return void this.pos++;
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') throw new SyntaxAt(this.pos);
      const key = this.string();
      this.expect(":");
      this.value(depth + 1, onPath && this.path[depth] === key);
      this.space();
      const next = this.text[this.pos++];
      if (next === "}") return;
      if (next !== ",") throw new SyntaxAt(this.pos - 1);
    }
  }

  private elements(depth: number, onPath: boolean): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === "]") return void this.pos++;
    for (let index = 0; ; index++) {
      this.value(depth + 1, onPath && this.path[depth] === index);
      this.space();
      const next = this.text[this.pos++];
      if (next === "]") return;
      if (next !== ",") throw new SyntaxAt(this.pos - 1);
    }
  }

  private string(): string {
    const start = this.pos++;
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined || char < " ") throw new SyntaxAt(this.pos);
      this.pos += char === "\\" ? 2 : 1;
      if (char === '"') return JSON.parse(this.text.slice(start, this.pos)) as string;
    }
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** The 1-based line of the first JSON syntax error, or undefined when the text is valid. */
export function syntaxErrorLine(text: string): number | undefined {
  try {
    new Walker(text, []).document();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxAt) return lineAt(text, error.offset);
    throw error;
  }
}

/**
 * The line of the value at `path` in valid JSON text; for a missing member, the line of
 * the object that lacks it.
 */
export function lineOfPath(text: string, path: readonly PropertyKey[]): number {
  const walker = new Walker(text, path);
  walker.document();
  return lineAt(text, walker.found);
}
