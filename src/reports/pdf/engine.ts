import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import pdfmake from "pdfmake";

// pdfmake (on PDFKit) lays the report out without a browser. The font is Roboto as shipped
// inside the pdfmake package, embedded and subset, so `npm ci` alone is enough, every
// machine produces the same bytes, and the text can be extracted and searched.
// pdfmake is one configured instance per process: it may read the font files and nothing
// else, and never fetches a URL (a report holds no images or links to load).

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve("pdfmake/package.json")), "fonts", "Roboto");

export const FONT = "Roboto";

export type DocumentDefinition = Parameters<typeof pdfmake.createPdf>[0];

function configure(): void {
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR + sep));
  pdfmake.setFonts({
    [FONT]: {
      normal: join(FONT_DIR, "Roboto-Regular.ttf"),
      bold: join(FONT_DIR, "Roboto-Medium.ttf"),
      italics: join(FONT_DIR, "Roboto-Italic.ttf"),
      bolditalics: join(FONT_DIR, "Roboto-MediumItalic.ttf"),
    },
  });
}

let configured = false;

export async function pdfBytes(definition: DocumentDefinition): Promise<Buffer> {
  if (!configured) {
    configure();
    configured = true;
  }
  return pdfmake.createPdf(definition).getBuffer();
}
