import type { ConfigFile } from "../../config/schema.ts";
import { type AttributableCost, attributeCost } from "../../import/attribute.ts";
import { canonicalJson } from "../../import/cost-identity.ts";
import { SLOT } from "./columns.ts";
import { BoundedCache, detach, TagsReader, textOf } from "./values.ts";

// Which catalogue service a FOCUS row belongs to, by the catalogue's cost_selectors on its
// Tags, SubAccountId and ResourceId, with attributeCost's rules. A service's selectors
// match when its tags, or its sub-account, or its resource prefix does, each judged on
// its own column, so the first matching service is the earliest of the first services
// matching each column alone; each column's answer is remembered per distinct value.
// A resource keeps its tags and account from one row to the next, so its last answer
// is reused while they stay the same: most rows cost one lookup.

/** A catalogue service, "" for none, or the column whose tags are no JSON object. */
export type Attribution = string | { field: string; reason: string };

const NOT_AN_OBJECT = "expected a JSON object of tag keys and values";
const NONE = Number.POSITIVE_INFINITY;
const BAD_TAGS = -1;
const BAD_ALLOCATED_TAGS = -2;

type Service = ConfigFile["teams"][number]["services"][number];
type Selectors = NonNullable<Service["cost_selectors"]>;

/** The catalogue reduced to the services selecting by one column, in catalogue order. */
function selectingBy(config: ConfigFile, has: (s: Selectors) => boolean): ConfigFile | undefined {
  const teams = config.teams.map((team) => ({
    ...team,
    services: team.services.filter((s) => s.cost_selectors !== undefined && has(s.cost_selectors)),
  }));
  return teams.some((team) => team.services.length > 0) ? { ...config, teams } : undefined;
}

interface ResourceMemo {
  /** Position of the first service whose resource prefix matches. */
  byResource: number;
  /** The last row seen for the resource, and its answer. */
  tags: string;
  sub: string | undefined;
  position: number;
}

export class ServiceAttribution {
  private readonly names: string[];
  private readonly order = new Map<string, number>();
  private readonly prefixes: string[];
  // A row given one column can only match services selecting by that column.
  private readonly tagsCatalogue: ConfigFile | undefined;
  private readonly subCatalogue: ConfigFile | undefined;
  private readonly resourceCatalogue: ConfigFile | undefined;
  private readonly tags = new TagsReader();
  private readonly byTags = new BoundedCache<number>(100_000);
  private readonly bySub = new BoundedCache<number>(100_000);
  private readonly byResource = new BoundedCache<ResourceMemo>(300_000);

  constructor(config: ConfigFile) {
    const services = config.teams.flatMap((team) => team.services);
    this.names = services.map((s) => s.name);
    this.names.forEach((name, i) => {
      this.order.set(name, i);
    });
    this.prefixes = services.flatMap((s) => s.cost_selectors?.resource_prefixes ?? []);
    this.tagsCatalogue = selectingBy(config, (c) => Object.keys(c.tags ?? {}).length > 0);
    this.subCatalogue = selectingBy(config, (c) => (c.sub_accounts ?? []).length > 0);
    this.resourceCatalogue = selectingBy(config, (c) => (c.resource_prefixes ?? []).length > 0);
  }

  of(v: readonly unknown[]): Attribution {
    const rawAllocated = v[SLOT.AllocatedTags];
    const allocated = textOf(rawAllocated) === undefined ? undefined : rawAllocated;
    const tags =
      allocated === undefined
        ? tagsKey(v[SLOT.Tags])
        : `${tagsKey(v[SLOT.Tags])}\u0000${tagsKey(allocated)}`;
    const sub = textOf(v[SLOT.SubAccountId]);
    // A 1.3 split cost allocation names the workload its share of a shared resource went to.
    const resource = textOf(v[SLOT.AllocatedResourceId]) ?? textOf(v[SLOT.ResourceId]);
    let memo = resource === undefined ? undefined : this.byResource.get(resource);
    if (memo !== undefined && memo.tags === tags && memo.sub === sub)
      return this.nameAt(memo.position);
    const byTags = this.ofTags(tags, v[SLOT.Tags], allocated);
    if (byTags === BAD_TAGS) return { field: "Tags", reason: NOT_AN_OBJECT };
    if (byTags === BAD_ALLOCATED_TAGS) return { field: "AllocatedTags", reason: NOT_AN_OBJECT };
    if (resource !== undefined && memo === undefined) {
      memo = { byResource: this.ofResource(resource), tags: "", sub: undefined, position: NONE };
      this.byResource.set(resource, memo);
    }
    const position = Math.min(byTags, this.ofSub(sub), memo?.byResource ?? NONE);
    if (memo !== undefined) {
      memo.tags = detach(tags);
      memo.sub = sub === undefined ? undefined : detach(sub);
      memo.position = position;
    }
    return this.nameAt(position);
  }

  private nameAt(position: number): string {
    return position === NONE ? "" : (this.names[position] as string);
  }

  private ofTags(key: string, rawTags: unknown, rawAllocated: unknown): number {
    let position = this.byTags.get(key);
    if (position === undefined) {
      // Tags that are no JSON object are refused whether or not a service selects by tags.
      const tags = this.tags.read(rawTags);
      const allocated = this.tags.read(rawAllocated);
      if (tags === null) position = BAD_TAGS;
      else if (allocated === null) position = BAD_ALLOCATED_TAGS;
      else {
        const merged = allocated ? { ...tags, ...allocated } : tags;
        position = merged ? this.first({ tags: merged }, this.tagsCatalogue) : NONE;
      }
      this.byTags.set(key, position);
    }
    return position;
  }

  private ofSub(sub: string | undefined): number {
    if (sub === undefined || this.subCatalogue === undefined) return NONE;
    let position = this.bySub.get(sub);
    if (position === undefined) {
      position = this.first({ subAccountId: sub }, this.subCatalogue);
      this.bySub.set(sub, position);
    }
    return position;
  }

  private ofResource(resource: string): number {
    // Most resources match no prefix at all: say so without a catalogue scan.
    const candidate = this.prefixes.some((p) => p !== "" && resource.startsWith(p));
    return candidate ? this.first({ resourceId: resource }, this.resourceCatalogue) : NONE;
  }

  /** The catalogue position of the first service matching this one column. */
  private first(row: AttributableCost, catalogue: ConfigFile | undefined): number {
    if (catalogue === undefined) return NONE;
    const service = attributeCost(row, catalogue);
    return service === undefined ? NONE : (this.order.get(service) ?? NONE);
  }
}

/** CSV cells are their own key; a Parquet MAP or JSON value arrives as an object. */
function tagsKey(value: unknown): string {
  if (value === null || value === undefined) return "\u0001";
  return typeof value === "string" ? value : canonicalJson(value);
}
