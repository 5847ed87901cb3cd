// What a fake Opsgenie (or JSM Operations) account holds, and the subset of Opsgenie's
// search syntax the fakes understand: terms joined by AND, each `updatedAt>=EPOCH_MS`,
// `tag: NAME` or `priority: PN`. Anything else is refused with 422, as Opsgenie refuses
// a query it cannot parse, so a client sending something else is noticed.

export interface FakeAlert {
  id: string;
  tinyId: string;
  message: string;
  status: "open" | "closed";
  tags: string[];
  createdAt: string;
  updatedAt: string;
  priority: string;
  responders: { type: "team" | "user"; id: string }[];
  /** Milliseconds from creation to closing (Opsgenie's report.closeTime). */
  closeTimeMs?: number;
  description?: string;
  details: Record<string, string>;
}

export interface FakeOpsIncident {
  id: string;
  tinyId: string;
  message: string;
  status: "open" | "resolved" | "closed";
  tags: string[];
  createdAt: string;
  updatedAt: string;
  priority: string;
  ownerTeam?: string;
  responders: { type: "team" | "user"; id: string }[];
  extraProperties: Record<string, string>;
}

export interface OpsAccount {
  alerts: FakeAlert[];
  incidents: FakeOpsIncident[];
  teams: { id: string; name: string }[];
}

type Searchable = { tags: string[]; updatedAt: string; priority: string };

/** The items a query selects, newest created first; undefined when it cannot be parsed. */
export function search<T extends Searchable & { createdAt: string }>(
  items: readonly T[],
  query: string | null,
): T[] | undefined {
  const tests: ((item: T) => boolean)[] = [];
  for (const raw of (query ?? "").split(/\s+AND\s+/)) {
    const term = raw.replace(/^\(+|\)+$/g, "").trim();
    if (term === "") continue;
    const updated = /^updatedAt>=(\d+)$/.exec(term);
    const tag = /^tag:\s*(\S+)$/.exec(term);
    const priority = /^priority:\s*(P[1-5])$/.exec(term);
    if (updated) tests.push((i) => Date.parse(i.updatedAt) >= Number(updated[1]));
    else if (tag) tests.push((i) => i.tags.includes(tag[1] as string));
    else if (priority) tests.push((i) => i.priority === priority[1]);
    else return undefined;
  }
  return items
    .filter((item) => tests.every((t) => t(item)))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export const requestId = () => crypto.randomUUID();
