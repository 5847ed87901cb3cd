import { byFinish } from "./deployment-timeline.ts";
import type { OwnFacts, ServicePart } from "./service-part.ts";

// Every service's production deployments (as their own facts) in one finish order. A
// refresh that re-analysed a few services keeps the rest of the previous order and merges
// theirs in, in linear time, instead of sorting a hundred thousand deployments again.

export interface PreviousOrder {
  production: readonly OwnFacts[];
  /** Services analysed again since that order was made, or "all". */
  redone: ReadonlySet<string> | "all";
}

export function productionOrder(
  parts: readonly ServicePart[],
  previous: PreviousOrder | undefined,
): OwnFacts[] {
  if (previous === undefined || previous.redone === "all") {
    const all: OwnFacts[] = [];
    for (const part of parts) for (const f of part.inOrder) all.push(f);
    return all.sort(inFinishOrder);
  }
  const { redone } = previous;
  if (redone.size === 0) return previous.production as OwnFacts[];
  const fresh: OwnFacts[] = [];
  for (const part of parts)
    if (redone.has(part.service)) for (const f of part.inOrder) fresh.push(f);
  fresh.sort(inFinishOrder);
  const kept = previous.production.filter((f) => !redone.has(f.deployment.service));
  return merge(kept, fresh);
}

const inFinishOrder = (a: OwnFacts, b: OwnFacts) => byFinish(a.deployment, b.deployment);

function merge(a: readonly OwnFacts[], b: readonly OwnFacts[]): OwnFacts[] {
  const out: OwnFacts[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as OwnFacts;
    const y = b[j] as OwnFacts;
    if (inFinishOrder(x, y) <= 0) {
      out[k++] = x;
      i++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as OwnFacts;
  while (j < b.length) out[k++] = b[j++] as OwnFacts;
  return out;
}
