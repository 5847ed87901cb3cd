import { describe, expect, it } from "vitest";
import { withFontGlyphs } from "../../src/reports/pdf/appendix.ts";
import { inlineMarkup } from "../../src/reports/view/inline-markup.ts";

// METRICS.md's inline markup as the appendix reads it.

const plain = (text: string) => ({ text, code: false, bold: false });
const code = (text: string) => ({ text, code: true, bold: false });
const bold = (text: string) => ({ text, code: false, bold: true });

describe("inlineMarkup", () => {
  it("splits code spans and **bold** prose", () => {
    expect(inlineMarkup("exports **no series** at `asOf`, never 0")).toEqual([
      plain("exports "),
      bold("no series"),
      plain(" at "),
      code("asOf"),
      plain(", never 0"),
    ]);
  });

  it("keeps ** inside code and an unpaired ** as written", () => {
    expect(inlineMarkup("`a ** b` and 2 ** 3")).toEqual([code("a ** b"), plain(" and 2 ** 3")]);
    expect(inlineMarkup("**x** then **y")).toEqual([bold("x"), plain(" then **y")]);
  });
});

describe("withFontGlyphs", () => {
  it("writes floor brackets, which the PDF's font lacks, as floor()", () => {
    expect(withFontGlyphs("x[⌊h⌋] + (h − ⌊h⌋)")).toBe("x[floor(h)] + (h − floor(h))");
  });
});
