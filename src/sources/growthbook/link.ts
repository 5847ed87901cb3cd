import { refsInText } from "../experiments/change-refs.ts";
import type { Experiment } from "./api.ts";

// Where a GrowthBook experiment names the change it measured, first found wins:
// 1. sources.growthbook.links, keyed by experiment id, tracking key or a linked feature key
//    (an operator's explicit word, and the only way to link by feature flag);
// 2. tags `pr:<ref>`, `commit:<sha>` or `change:<id>` (structured, set in GrowthBook's UI);
// 3. pull request URLs and owner/repo#N in the description or hypothesis (where people
//    paste the pull request; bare numbers and hex words in prose are not trusted).

const TAG = /^(pr|commit|change):\s*(.+)$/i;

export interface LinkRefs {
  refs: string[];
  /** Where they were found, for logs. */
  from: "config" | "tags" | "description" | "none";
}

export function changeRefsOf(e: Experiment, links: Readonly<Record<string, string>>): LinkRefs {
  const keys = [e.id, e.trackingKey, ...(e.linkedFeatures ?? [])];
  const configured = keys.flatMap((k) => (k && links[k] !== undefined ? [links[k] as string] : []));
  if (configured.length) return { refs: [...new Set(configured)], from: "config" };
  const tagged = (e.tags ?? []).flatMap((tag) => {
    const m = TAG.exec(tag.trim());
    return m ? [m[1]?.toLowerCase() === "change" ? `change:${m[2]}` : (m[2] as string)] : [];
  });
  if (tagged.length) return { refs: tagged, from: "tags" };
  const text = refsInText(`${e.description ?? ""}\n${e.hypothesis ?? ""}`);
  if (text.length) return { refs: text, from: "description" };
  return { refs: [], from: "none" };
}
