// The inline markup METRICS.md's definitions use, for the report's appendix: `code` and
// **bold**, nothing else. A code span is literal, so ** inside backticks stays as written.

export interface InlinePiece {
  text: string;
  code: boolean;
  bold: boolean;
}

/** Prose between code spans, split on ** pairs: odd parts are bold. */
function boldParts(prose: string): InlinePiece[] {
  const parts = prose.split("**");
  // An even count of parts means one ** is unpaired: it is an asterisk pair, not markup.
  if (parts.length % 2 === 0) {
    const last = parts.pop() ?? "";
    parts[parts.length - 1] += `**${last}`;
  }
  return parts.map((text, index) => ({ text, code: false, bold: index % 2 === 1 }));
}

/** Splits text on backticks (odd pieces are code), then the prose between on **. */
export function inlineMarkup(text: string): InlinePiece[] {
  return text
    .split("`")
    .flatMap((span, index) =>
      index % 2 === 1 ? [{ text: span, code: true, bold: false }] : boldParts(span),
    )
    .filter((piece) => piece.text !== "");
}
