import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// Poppler's command-line tools (Debian package poppler-utils) read a PDF as a viewer
// would: its text, its metadata, and its pages as pictures.

/** The text of each page, laid out as on the page. */
export function pageTexts(pdftotext: string, pdf: string): string[] {
  const text = execFileSync(pdftotext, ["-layout", "-enc", "UTF-8", pdf, "-"], {
    encoding: "utf8",
  });
  return text.split("\f").slice(0, -1);
}

export function pdfInfo(pdfinfo: string, pdf: string): Record<string, string> {
  const text = execFileSync(pdfinfo, [pdf], { encoding: "utf8" });
  return Object.fromEntries(
    text
      .split("\n")
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1] ?? "", match[2] ?? ""]),
  );
}

/** Renders every page to PNG at `dpi` into `dir`; the files, in page order. */
export function pngPages(pdftoppm: string, pdf: string, dir: string, dpi: number): string[] {
  execFileSync(pdftoppm, ["-png", "-r", String(dpi), pdf, join(dir, "page")]);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".png"))
    .sort((a, b) => Number(/(\d+)\.png$/.exec(a)?.[1]) - Number(/(\d+)\.png$/.exec(b)?.[1]))
    .map((name) => join(dir, name));
}

export function pngSize(file: string | Buffer): { width: number; height: number } {
  const bytes = typeof file === "string" ? readFileSync(file) : file;
  expectSignature(bytes.subarray(0, 8), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], file);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function expectSignature(actual: Uint8Array, expected: number[], file: string | Buffer): void {
  const name = typeof file === "string" ? file : "the image";
  if (!expected.every((byte, i) => actual[i] === byte)) throw new Error(`${name} is not a PNG`);
}

export interface Raster {
  width: number;
  height: number;
  /** RGB, row by row. */
  rgb: Buffer;
}

/** One page as raw RGB (PPM, which needs no decoder), to look at its colours. */
export function rasterPage(
  pdftoppm: string,
  pdf: string,
  page: number,
  dpi: number,
  dir: string,
): Raster {
  const prefix = join(dir, `raster-${page}`);
  execFileSync(pdftoppm, [
    "-r",
    String(dpi),
    "-f",
    String(page),
    "-l",
    String(page),
    "-singlefile",
    pdf,
    prefix,
  ]);
  const bytes = readFileSync(`${prefix}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 32).toString("latin1"));
  if (!header) throw new Error(`${prefix}.ppm is not a binary PPM`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, rgb: bytes.subarray(header[0].length) };
}

/** Pixels within `tolerance` of `hex` on each channel. */
export function countColour(raster: Raster, hex: string, tolerance = 24): number {
  const target = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i + 2 < raster.rgb.length; i += 3) {
    if (target.every((value, c) => Math.abs((raster.rgb[i + c] ?? 0) - value) <= tolerance))
      count++;
  }
  return count;
}
