import { escapeXml } from "../charts/escape-xml.ts";

// Every text in the report comes from data (service, team and collector names are user
// input), so markup is built only through the `html` tag: interpolated strings are escaped,
// and only values that are already markup (Html) pass through unchanged.

export class Html {
  readonly markup: string;
  constructor(markup: string) {
    this.markup = markup;
  }
}

export type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.markup;
  if (typeof part === "string") return escapeXml(part);
  if (typeof part === "number") return String(part);
  return part.map(render).join("");
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? "";
  parts.forEach((part, index) => {
    out += render(part) + (strings[index + 1] ?? "");
  });
  return new Html(out);
}

/** Markup made by a trusted renderer (the chart SVG, whose text is escaped when drawn). */
export function trustedMarkup(markup: string): Html {
  return new Html(markup);
}
