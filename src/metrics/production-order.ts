import type { Deployment } from "../domain/records.ts";
import { byFinish } from "./deployment-timeline.ts";
import type { ServicePart } from "./service-part.ts";

// Every service's production deployments in one finish order. A refresh that re-analysed a
// few services keeps the rest of the previous order and merges theirs in, in linear time,
// instead of sorting a hundred thousand deployments again.

export interface PreviousOrder {
  production: readonly Deployment[];
  /** Services analysed again since that order was made, or "all". */
  redone: ReadonlySet<string> | "all";
}

export function productionOrder(
  parts: readonly ServicePart[],
  previous: PreviousOrder | undefined,
): Deployment[] {
  if (previous === undefined || previous.redone === "all") {
    const all: Deployment[] = [];
    for (const part of parts) for (const d of part.production) all.push(d);
    return all.sort(byFinish);
  }
  const { redone } = previous;
  if (redone.size === 0) return previous.production as Deployment[];
  const fresh: Deployment[] = [];
  for (const part of parts)
    if (redone.has(part.service)) for (const d of part.production) fresh.push(d);
  fresh.sort(byFinish);
  const kept = previous.production.filter((d) => !redone.has(d.service));
  return merge(kept, fresh);
}

function merge(a: readonly Deployment[], b: readonly Deployment[]): Deployment[] {
  const out: Deployment[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Deployment;
    const y = b[j] as Deployment;
    if (byFinish(x, y) <= 0) {
      out[k++] = x;
      i++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as Deployment;
  while (j < b.length) out[k++] = b[j++] as Deployment;
  return out;
}
