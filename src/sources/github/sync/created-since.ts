import { after, latest } from "../cursor.ts";
import { type RepoSync, repoParams } from "./context.ts";

// Deployments and workflow runs are listed newest first and never change their creation
// time, so a sync reads pages until it meets one it has seen (or the history start).

type CreatedList =
  | "GET /repos/{owner}/{repo}/deployments"
  | "GET /repos/{owner}/{repo}/actions/runs";

/** Items created after `through`, and the newest creation time among them. */
export async function createdSince<T extends { created_at: string }>(
  sync: RepoSync,
  route: CreatedList,
  through: string | undefined,
): Promise<{ items: T[]; through: string | undefined }> {
  const items: T[] = [];
  let newest = through;
  const pages = sync.octokit.paginate.iterator(route, { ...repoParams(sync), per_page: 100 });
  listing: for await (const page of pages) {
    // The runs endpoint wraps its list; octokit's paginator unwraps it into page.data.
    for (const item of page.data as unknown as T[]) {
      const created = item.created_at;
      if (!after(created, through) || Date.parse(created) < sync.cursor.historyStart) break listing;
      items.push(item);
      newest = latest(newest, created);
    }
  }
  return { items, through: newest };
}
