import { z } from "zod";

// Shapes shared by the incident tools' payload schemas, and the paging loop their lists
// share. Instants become epoch ms at the edge, so a malformed one is reported with its
// field path by the client.

const OFFSET = /(Z|[+-]\d\d:?\d\d)$/i;

/** An ISO-8601 instant with an offset, as epoch milliseconds. */
export const instant = z
  .string()
  .refine((text) => OFFSET.test(text) && !Number.isNaN(Date.parse(text)), {
    message: "expected an ISO-8601 time with offset",
  })
  .transform((text) => Date.parse(text));

/** Absent and null mean the same in these APIs. */
export const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);

export const stringList = optional(z.array(z.string())).transform((list) => list ?? []);

/** Custom fields: string values kept, others written as JSON so references can be read. */
export const fieldMap = optional(z.record(z.string(), z.unknown())).transform((map) =>
  Object.fromEntries(
    Object.entries(map ?? {}).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  ),
);

export interface Page<T> {
  items: T[];
  next?: string | undefined;
}

/** Reads the first page (no link), then each `next` link until a page is empty or last. */
export async function* followPages<T>(
  read: (next?: string) => Promise<Page<T>>,
): AsyncIterable<T[]> {
  let page = await read();
  yield page.items;
  while (page.next && page.items.length > 0) {
    page = await read(page.next);
    yield page.items;
  }
}
