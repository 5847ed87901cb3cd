// S3's XML conventions: error documents, escaping, and the tiny amount of parsing needed
// for the request bodies S3 clients send (LegalHold, Retention).
import { randomBytes } from "node:crypto";

export const S3_XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

/** An S3 error: HTTP status, S3 error code, message and extra elements for the document. */
export class S3Error extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, string>;

  constructor(status: number, code: string, message: string, extra: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

/** What a handler answers; the server adds the request id and content-length. */
export interface S3Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function notImplemented(what: string): S3Error {
  return new S3Error(
    501,
    "NotImplemented",
    `A header or query you provided implies functionality that is not implemented (${what})`,
  );
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Child elements from `{Tag: value}`; undefined values are left out. */
export function elements(fields: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([tag, value]) => `<${tag}>${escapeXml(String(value))}</${tag}>`)
    .join("");
}

export function xmlReply(status: number, body: string, headers: Record<string, string> = {}) {
  return {
    status,
    headers: { "content-type": "application/xml", ...headers },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  } satisfies S3Reply;
}

export function errorReply(error: S3Error, resource: string, requestId: string): S3Reply {
  const fields = { Code: error.code, Message: error.message, ...error.extra };
  return xmlReply(
    error.status,
    `<Error>${elements({ ...fields, Resource: resource, RequestId: requestId })}</Error>`,
  );
}

export function newRequestId(): string {
  return randomBytes(8).toString("hex").toUpperCase();
}

/** Name of the document's root element, or undefined when the body is not XML. */
export function xmlRoot(xml: string): string | undefined {
  return /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z][\w.-]*)[\s/>]/.exec(xml)?.[1];
}

/** Trimmed text of the first `<tag>` element, or undefined. */
export function xmlText(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
  const text = match?.[1];
  return text === undefined ? undefined : unescapeXml(text.trim());
}
