import { escapeXml } from "./escape-xml.ts";

// ECharts' server-side SVG is nearly what a report needs. Three things are not:
// - zrender prefixes ids and classes with a per-process instance counter ("zr3-c0"), so
//   the same chart differs with how many charts the process drew before it, and two
//   charts in one document could clash: the prefix becomes the chart's own id;
// - interactive leftovers (hover CSS, ecmeta_* attributes) mean nothing in a document;
// - it carries no accessible name: a <title> and <desc> are added and referenced.

export interface SvgText {
  /** Unique within the document; letters, digits and hyphens. */
  id: string;
  title: string;
  description: string;
}

const INSTANCE_PREFIX = /\bzr\d+-/g;
const HOVER_STYLE = /<style\b[^>]*>[\s\S]*?<\/style>\s*/g;
const METADATA_ATTRIBUTE = / ecmeta_[a-z_]+="[^"]*"/g;
const CLASS_ATTRIBUTE = / class="[^"]*"/g;
const SAFE_ID = /^[A-Za-z][A-Za-z0-9-]*$/;

export function finishSvg(raw: string, text: SvgText): string {
  if (!SAFE_ID.test(text.id)) throw new Error(`chart id "${text.id}" is not a plain XML id`);
  if (!raw.startsWith("<svg ")) throw new Error("chart renderer returned no <svg> element");
  const body = raw
    .replace(INSTANCE_PREFIX, `${text.id}-`)
    .replace(HOVER_STYLE, "")
    .replace(METADATA_ATTRIBUTE, "")
    .replace(CLASS_ATTRIBUTE, "");
  const openEnd = body.indexOf(">");
  const titleId = `${text.id}-title`;
  const descId = `${text.id}-desc`;
  return [
    `<svg id="${text.id}" role="img" aria-labelledby="${titleId} ${descId}"`,
    body.slice(4, openEnd + 1),
    `\n<title id="${titleId}">${escapeXml(text.title)}</title>`,
    `\n<desc id="${descId}">${escapeXml(text.description)}</desc>`,
    body.slice(openEnd + 1),
  ].join("");
}
